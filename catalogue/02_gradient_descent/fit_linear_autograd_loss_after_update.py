# exercise: fit_linear_autograd
# kind: wrong
# fails: test_fit_linear_autograd
# why: records the loss after the update instead of the loss computed in the epoch
# names: each loss is recorded after the update
def fit_linear_autograd(x, y, lr, num_epochs):
    w = torch.tensor(0.0, dtype=x.dtype, requires_grad=True)
    b = torch.tensor(0.0, dtype=x.dtype, requires_grad=True)
    losses = []
    for epoch in range(num_epochs):
        loss = ((w * x + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            losses.append(((w * x + b - y) ** 2).mean().item())
        w.grad.zero_()
        b.grad.zero_()
    return w, b, losses
