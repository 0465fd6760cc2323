# exercise: train_epoch
# kind: wrong
# fails: test_train_epoch test_train_epoch_probes
# why: zero_grad once before the loop: gradients accumulate from batch to batch
# names: before every backward pass
def train_epoch(model, loader, loss_fn, optimizer):
    model.train()
    optimizer.zero_grad()
    losses = []
    for xb, yb in loader:
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)
