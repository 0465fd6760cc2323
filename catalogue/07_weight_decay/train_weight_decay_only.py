# exercise: train_l2
# kind: wrong
# fails: test_train_l2
# why: lets SGD's weight_decay do the work instead of the penalty in the loss the exercise asks for
# names: the decay comes from SGD's weight_decay
def train_l2(model, loss_fn, train_loader, lr, lam, num_epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=lam)
    epoch_losses = []
    for _ in range(num_epochs):
        batch_losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            data_loss = loss_fn(model(xb), yb)
            data_loss.backward()
            optimizer.step()
            batch_losses.append(data_loss.item())
        epoch_losses.append(sum(batch_losses) / len(batch_losses))
    return epoch_losses
