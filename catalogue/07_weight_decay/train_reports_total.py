# exercise: train_l2
# kind: wrong
# fails: test_train_l2_losses
# why: reports the regularized loss (data + penalty) instead of the data loss
# names: the penalty is included
def train_l2(model, loss_fn, train_loader, lr, lam, num_epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    epoch_losses = []
    for _ in range(num_epochs):
        batch_losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb) + l2_penalty(model, lam)
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        epoch_losses.append(sum(batch_losses) / len(batch_losses))
    return epoch_losses
