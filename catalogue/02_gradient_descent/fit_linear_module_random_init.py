# exercise: fit_linear_module
# kind: wrong
# fails: test_fit_linear_module
# why: keeps nn.Linear's random initialisation instead of starting from zero
def fit_linear_module(x, y, lr, num_epochs):
    x, y = x.reshape(-1, 1), y.reshape(-1, 1)
    model = nn.Linear(1, 1, dtype=x.dtype)
    optimizer = optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    losses = []
    for epoch in range(num_epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses
