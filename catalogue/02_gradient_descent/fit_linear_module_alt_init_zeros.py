# exercise: fit_linear_module
# kind: alternative
# why: nn.init.zeros_, unsqueeze, .to(dtype) and model.zero_grad() instead of optimizer.zero_grad()
def fit_linear_module(x, y, lr, num_epochs):
    inputs, targets = x.unsqueeze(1), y.unsqueeze(1)
    model = nn.Linear(1, 1).to(x.dtype)
    nn.init.zeros_(model.weight)
    nn.init.zeros_(model.bias)
    optimizer = optim.SGD(model.parameters(), lr=lr)
    criterion = nn.MSELoss()
    losses = []
    for _ in range(num_epochs):
        model.zero_grad()
        loss = criterion(model(inputs), targets)
        losses.append(float(loss.detach()))
        loss.backward()
        optimizer.step()
    return model, losses
