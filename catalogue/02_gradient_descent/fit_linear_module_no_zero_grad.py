# exercise: fit_linear_module
# kind: wrong
# fails: test_fit_linear_module
# why: optimizer.zero_grad() is missing, gradients accumulate
# names: the gradients are never zeroed
def fit_linear_module(x, y, lr, num_epochs):
    x, y = x.reshape(-1, 1), y.reshape(-1, 1)
    model = nn.Linear(1, 1, dtype=x.dtype)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    losses = []
    for epoch in range(num_epochs):
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
