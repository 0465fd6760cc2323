# exercise: train_l2
# kind: wrong
# fails: test_train_l2_losses
# why: weights each batch's data loss by its size instead of averaging the per-batch losses
# names: weighted by its size
def train_l2(model, loss_fn, train_loader, lr, lam, num_epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    epoch_losses = []
    for _ in range(num_epochs):
        total, count = 0.0, 0
        for xb, yb in train_loader:
            optimizer.zero_grad()
            data_loss = loss_fn(model(xb), yb)
            (data_loss + l2_penalty(model, lam)).backward()
            optimizer.step()
            total += data_loss.item() * len(xb)
            count += len(xb)
        epoch_losses.append(total / count)
    return epoch_losses
