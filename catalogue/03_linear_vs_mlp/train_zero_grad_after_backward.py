# exercise: train_model
# kind: wrong
# fails: test_train_model test_train_model_loop
# why: zeroes the gradients between backward() and step(), so the optimizer steps with no gradient
# names: the optimizer stepped with no gradient
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    history = {"train_loss": [], "train_acc": []}
    for _ in range(num_epochs):
        model.train()
        total, batches, correct, seen = 0.0, 0, 0, 0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            scores = model(images)
            loss = loss_fn(scores, labels)
            loss.backward()
            optimizer.zero_grad()
            optimizer.step()
            total += loss.item()
            batches += 1
            correct += (scores.argmax(1) == labels).sum().item()
            seen += len(labels)
        history["train_loss"].append(total / batches)
        history["train_acc"].append(correct / seen)
    return history
