# exercise: train_epoch
# kind: wrong
# fails: test_train_epoch_probes
# why: squeezes predictions and targets before the loss (as some tutorials do) instead of loss_fn(model(xb), yb)
# names: reshaped before the loss
def train_epoch(model, loader, loss_fn, optimizer):
    model.train()
    losses = []
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb).squeeze(-1), yb.squeeze(-1))
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)
