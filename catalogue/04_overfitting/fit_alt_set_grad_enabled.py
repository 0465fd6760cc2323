# exercise: fit
# kind: alternative
# why: one helper for both phases, with model.train(mode) and torch.set_grad_enabled(mode)
def run_epoch(model, loss_fn, optimizer, loader, training):
    model.train(training)
    losses = []
    with torch.set_grad_enabled(training):
        for xb, yb in loader:
            loss = loss_fn(model(xb), yb)
            if training:
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            losses.append(loss.item())
    return sum(losses) / len(losses)


def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    history = {"train_loss": [], "val_loss": []}
    for _ in range(num_epochs):
        history["train_loss"].append(run_epoch(model, loss_fn, optimizer, train_loader, True))
        history["val_loss"].append(run_epoch(model, loss_fn, optimizer, val_loader, False))
    model.train()
    return history
