# exercise: train_epoch
# kind: wrong
# fails: test_train_epoch_probes
# why: zero_grad after the step: gradients already in .grad when the epoch starts leak into the first step
# names: comes after the step
def train_epoch(model, loader, loss_fn, optimizer):
    model.train()
    losses = []
    for xb, yb in loader:
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    return sum(losses) / len(losses)
