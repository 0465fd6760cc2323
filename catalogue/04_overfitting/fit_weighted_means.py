# exercise: fit
# kind: wrong
# fails: test_fit
# why: per-example means (batch loss times batch size) instead of the mean of the per-batch losses
# names: a mean over examples
def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    history = {"train_loss": [], "val_loss": []}
    for epoch in range(num_epochs):
        model.train()
        total, count = 0.0, 0
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(xb)
            count += len(xb)
        history["train_loss"].append(total / count)
        model.eval()
        total, count = 0.0, 0
        with torch.no_grad():
            for xb, yb in val_loader:
                total += loss_fn(model(xb), yb).item() * len(xb)
                count += len(xb)
        history["val_loss"].append(total / count)
        model.train()
    return history
