# exercise: train_with_early_stopping
# kind: wrong
# fails: test_train_with_early_stopping test_train_with_early_stopping_max_epochs
# why: the patience rule written inline waits one epoch too many (waited > patience)
def _train_one_epoch(model, loss_fn, optimizer, loader):
    model.train()
    losses = []
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        losses.append(loss.detach())
    return torch.stack(losses).mean()


@torch.no_grad()
def _validate(model, loss_fn, loader):
    model.eval()
    losses = torch.stack([loss_fn(model(xb), yb) for xb, yb in loader]).mean()
    model.train()
    return losses


def train_with_early_stopping(model, loss_fn, optimizer, train_loader, val_loader, max_epochs, patience):
    history = {"train_loss": [], "val_loss": []}
    best_loss, best_epoch, best_state, waited = float("inf"), None, None, 0
    epoch = -1
    while epoch + 1 < max_epochs:
        epoch += 1
        history["train_loss"].append(float(_train_one_epoch(model, loss_fn, optimizer, train_loader)))
        history["val_loss"].append(float(_validate(model, loss_fn, val_loader)))
        if history["val_loss"][-1] < best_loss:
            best_loss, best_epoch, waited = history["val_loss"][-1], epoch, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            waited += 1
            if waited > patience:
                break
    model.load_state_dict(best_state)
    history.update(best_epoch=best_epoch, stopped_epoch=epoch)
    return history
