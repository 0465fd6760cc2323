# exercise: train_model
# kind: alternative
# why: model.zero_grad() instead of optimizer.zero_grad(), per-epoch lists, torch.max for the predictions
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    train_loss, train_acc = [], []
    for epoch in range(num_epochs):
        model.train()
        batch_losses = []
        correct = total = 0
        for images, labels in loader:
            images = images.to(device)
            labels = labels.to(device)
            model.zero_grad()
            outputs = model(images)
            loss = loss_fn(outputs, labels)
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
            _, predicted = torch.max(outputs.detach(), 1)
            correct += int(predicted.eq(labels).sum())
            total += labels.size(0)
        train_loss.append(sum(batch_losses) / len(batch_losses))
        train_acc.append(correct / total)
    return {"train_loss": train_loss, "train_acc": train_acc}
