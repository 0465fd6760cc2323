# exercise: train_epoch
# kind: alternative
# why: keeps detached loss tensors and returns a 0-d tensor mean
def train_epoch(model, loader, loss_fn, optimizer):
    model.train(True)
    batch_losses = []
    for inputs, targets in loader:
        optimizer.zero_grad(set_to_none=False)
        prediction = model(inputs)
        loss = loss_fn(prediction, targets)
        loss.backward()
        optimizer.step()
        batch_losses.append(loss.detach())
    return torch.stack(batch_losses).mean()
