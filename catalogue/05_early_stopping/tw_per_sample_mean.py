# exercise: train_with_early_stopping
# kind: wrong
# fails: test_train_with_early_stopping
# why: weights each batch's loss by its size; the spec asks for the mean of the per-batch losses
# names: not weighted by batch size
def train_with_early_stopping(model, loss_fn, optimizer, train_loader, val_loader, max_epochs, patience):
    stopper = EarlyStopping(patience=patience)
    train_losses, val_losses = [], []
    for epoch in range(max_epochs):
        model.train()
        total, count = 0.0, 0
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(xb)
            count += len(xb)
        train_losses.append(total / count)
        model.eval()
        total, count = 0.0, 0
        with torch.no_grad():
            for xb, yb in val_loader:
                total += loss_fn(model(xb), yb).item() * len(xb)
                count += len(xb)
        val_losses.append(total / count)
        if stopper.step(val_losses[-1], model):
            break
    stopper.restore(model)
    return {"train_loss": train_losses, "val_loss": val_losses,
            "best_epoch": stopper.best_epoch, "stopped_epoch": epoch}
