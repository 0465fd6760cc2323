# exercise: train_epoch
# kind: wrong
# fails: test_train_epoch_probes
# why: never calls model.train(), so a model handed in eval mode trains in eval mode
# names: model.train() is never called
def train_epoch(model, loader, loss_fn, optimizer):
    total = 0.0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)
