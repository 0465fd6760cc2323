# exercise: fit
# kind: wrong
# fails: test_fit_validation
# why: validation builds autograd graphs (no torch.no_grad())
# names: validation ran with gradients enabled
def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    history = {"train_loss": [], "val_loss": []}
    for epoch in range(num_epochs):
        model.train()
        losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history["train_loss"].append(sum(losses) / len(losses))
        model.eval()
        losses = [loss_fn(model(xb), yb).item() for xb, yb in val_loader]
        history["val_loss"].append(sum(losses) / len(losses))
        model.train()
    return history
