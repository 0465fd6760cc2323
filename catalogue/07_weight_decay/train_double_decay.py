# exercise: train_l2
# kind: wrong
# fails: test_train_l2
# why: the penalty is in the loss and SGD also gets weight_decay, so the decay acts twice
# names: the decay acts twice
def train_l2(model, loss_fn, train_loader, lr, lam, num_epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=lam)
    epoch_losses = []
    for _ in range(num_epochs):
        batch_losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            data_loss = loss_fn(model(xb), yb)
            (data_loss + l2_penalty(model, lam)).backward()
            optimizer.step()
            batch_losses.append(data_loss.item())
        epoch_losses.append(sum(batch_losses) / len(batch_losses))
    return epoch_losses
