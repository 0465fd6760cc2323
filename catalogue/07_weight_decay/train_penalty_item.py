# exercise: train_l2
# kind: wrong
# fails: test_train_l2
# why: adds the penalty as a number (.item()), so it shifts the loss but never reaches the gradients
# names: the penalty never reaches the gradients
def train_l2(model, loss_fn, train_loader, lr, lam, num_epochs):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    epoch_losses = []
    for _ in range(num_epochs):
        batch_losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            data_loss = loss_fn(model(xb), yb)
            (data_loss + l2_penalty(model, lam).item()).backward()
            optimizer.step()
            batch_losses.append(data_loss.item())
        epoch_losses.append(sum(batch_losses) / len(batch_losses))
    return epoch_losses
