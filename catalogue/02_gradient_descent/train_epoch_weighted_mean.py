# exercise: train_epoch
# kind: wrong
# fails: test_train_epoch
# why: averages over examples (batch loss times batch size) instead of over batches
# names: a mean over examples
def train_epoch(model, loader, loss_fn, optimizer):
    model.train()
    total, count = 0.0, 0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
        count += len(xb)
    return total / count
