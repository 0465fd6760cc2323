# exercise: fit
# kind: wrong
# fails: test_fit_validation
# why: flattens model output and target before the loss (the lecture's model(X).flatten()) instead of calling loss_fn(model(xb), yb)
# names: the loss was called on reshaped tensors
def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    history = {"train_loss": [], "val_loss": []}
    for epoch in range(num_epochs):
        model.train()
        losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb).flatten(), yb.flatten())
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history["train_loss"].append(sum(losses) / len(losses))
        model.eval()
        with torch.no_grad():
            losses = [loss_fn(model(xb).flatten(), yb.flatten()).item() for xb, yb in val_loader]
        history["val_loss"].append(sum(losses) / len(losses))
        model.train()
    return history
