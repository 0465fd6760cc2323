# exercise: fit
# kind: wrong
# fails: test_fit test_fit_validation
# why: train_loss is re-measured on the training set after the epoch instead of the mean of the batch losses
def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    history = {"train_loss": [], "val_loss": []}

    def evaluate(loader):
        model.eval()
        with torch.no_grad():
            losses = [loss_fn(model(xb), yb).item() for xb, yb in loader]
        model.train()
        return sum(losses) / len(losses)

    for epoch in range(num_epochs):
        model.train()
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
        history["train_loss"].append(evaluate(train_loader))
        history["val_loss"].append(evaluate(val_loader))
    return history
