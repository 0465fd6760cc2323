# exercise: train_epoch
# kind: wrong
# fails: test_train_epoch
# why: returns the sum of the batch losses, not their mean
# names: the sum of the batch losses
def train_epoch(model, loader, loss_fn, optimizer):
    model.train()
    total = 0.0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total
