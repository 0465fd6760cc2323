# exercise: train_with_early_stopping
# kind: wrong
# fails: test_train_with_early_stopping test_train_with_early_stopping_max_epochs
# why: breaks out of the loop like the lecture's trainer and never restores the best weights
# names: the best weights were not restored
def train_with_early_stopping(model, loss_fn, optimizer, train_loader, val_loader, max_epochs, patience):
    stopper = EarlyStopping(patience=patience)
    train_losses, val_losses = [], []
    for epoch in range(max_epochs):
        model.train()
        losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        train_losses.append(sum(losses) / len(losses))
        model.eval()
        with torch.no_grad():
            losses = [loss_fn(model(xb), yb).item() for xb, yb in val_loader]
        val_losses.append(sum(losses) / len(losses))
        if stopper.step(val_losses[-1], model):
            break
    return {"train_loss": train_losses, "val_loss": val_losses,
            "best_epoch": stopper.best_epoch, "stopped_epoch": epoch}
