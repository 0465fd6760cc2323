# exercise: fit
# kind: wrong
# fails: test_fit test_fit_validation
# why: the validation loop also takes optimizer steps, so the model trains on the validation set
def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    history = {"train_loss": [], "val_loss": []}
    for epoch in range(num_epochs):
        for key, loader in (("train_loss", train_loader), ("val_loss", val_loader)):
            model.train()
            losses = []
            for xb, yb in loader:
                optimizer.zero_grad()
                loss = loss_fn(model(xb), yb)
                loss.backward()
                optimizer.step()
                losses.append(loss.item())
            history[key].append(sum(losses) / len(losses))
    return history
