# exercise: train_model
# kind: alternative
# why: accumulates loss and correct counts as detached tensors and converts to floats at the end of the epoch
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    history = {"train_loss": [], "train_acc": []}
    for _ in range(num_epochs):
        model.train()
        loss_sum = torch.zeros((), dtype=torch.float64)
        correct = torch.zeros((), dtype=torch.long)
        n_batches = n_examples = 0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad(set_to_none=False)
            scores = model(images)
            loss = loss_fn(scores, labels)
            loss.backward()
            optimizer.step()
            loss_sum += loss.detach().double().cpu()
            correct += (scores.detach().argmax(dim=-1) == labels).sum().cpu()
            n_batches += 1
            n_examples += labels.numel()
        history["train_loss"].append(float(loss_sum) / n_batches)
        history["train_acc"].append(int(correct) / n_examples)
    return history
