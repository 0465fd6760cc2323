# exercise: train_model
# kind: wrong
# fails: test_train_model
# why: reports the per-example mean (losses weighted by batch size), not the mean of per-batch losses
# names: weighted by batch size
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    history = {"train_loss": [], "train_acc": []}
    for _ in range(num_epochs):
        model.train()
        total, correct, seen = 0.0, 0, 0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            scores = model(images)
            loss = loss_fn(scores, labels)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(labels)
            correct += (scores.argmax(1) == labels).sum().item()
            seen += len(labels)
        history["train_loss"].append(total / seen)
        history["train_acc"].append(correct / seen)
    return history
