# exercise: fit
# kind: wrong
# fails: test_fit test_fit_validation
# why: model.train() only once before the loop; after the first validation it trains in eval mode
# names: eval mode
def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    history = {"train_loss": [], "val_loss": []}
    model.train()
    for epoch in range(num_epochs):
        losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history["train_loss"].append(sum(losses) / len(losses))
        model.eval()
        with torch.no_grad():
            losses = [loss_fn(model(xb), yb).item() for xb, yb in val_loader]
        history["val_loss"].append(sum(losses) / len(losses))
    return history
