# exercise: fit_linear_module
# kind: wrong
# fails: test_fit_linear_module
# why: nn.MSELoss(reduction="sum") is not the mean squared error of fit_linear_autograd
# names: nn.MSELoss(reduction='sum') sums
def fit_linear_module(x, y, lr, num_epochs):
    x, y = x.reshape(-1, 1), y.reshape(-1, 1)
    model = nn.Linear(1, 1, dtype=x.dtype)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss(reduction="sum")
    losses = []
    for epoch in range(num_epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
