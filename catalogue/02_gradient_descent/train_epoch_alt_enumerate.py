# exercise: train_epoch
# kind: alternative
# why: enumerate for the batch count, model.zero_grad(), a running mean
def train_epoch(model, loader, loss_fn, optimizer):
    model.train()
    mean = 0.0
    for i, (xb, yb) in enumerate(loader):
        model.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        mean += (loss.item() - mean) / (i + 1)
    return mean
