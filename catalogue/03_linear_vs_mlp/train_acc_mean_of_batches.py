# exercise: train_model
# kind: wrong
# fails: test_train_model
# why: averages per-batch accuracies, so a batch of 1 counts as much as a full batch
# names: the mean of per-batch accuracies
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    history = {"train_loss": [], "train_acc": []}
    for _ in range(num_epochs):
        model.train()
        losses, accs = [], []
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            scores = model(images)
            loss = loss_fn(scores, labels)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            accs.append((scores.argmax(1) == labels).float().mean().item())
        history["train_loss"].append(sum(losses) / len(losses))
        history["train_acc"].append(sum(accs) / len(accs))
    return history
