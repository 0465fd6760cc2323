# exercise: train_model
# kind: wrong
# fails: test_train_model test_train_model_loop
# why: feeds softmax probabilities to the cross-entropy loss, which applies softmax again
# names: softmax was applied before the loss
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    history = {"train_loss": [], "train_acc": []}
    for _ in range(num_epochs):
        model.train()
        total, batches, correct, seen = 0.0, 0, 0, 0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            probs = torch.softmax(model(images), dim=1)
            loss = loss_fn(probs, labels)
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
            correct += (probs.argmax(1) == labels).sum().item()
            seen += len(labels)
        history["train_loss"].append(total / batches)
        history["train_acc"].append(correct / seen)
    return history
