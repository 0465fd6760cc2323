# exercise: fit_linear_autograd
# kind: wrong
# fails: test_fit_linear_autograd
# why: gradients are never zeroed, so they accumulate over the epochs
# names: the gradients were never zeroed
def fit_linear_autograd(x, y, lr, num_epochs):
    w = torch.tensor(0.0, dtype=x.dtype, requires_grad=True)
    b = torch.tensor(0.0, dtype=x.dtype, requires_grad=True)
    losses = []
    for epoch in range(num_epochs):
        loss = ((w * x + b - y) ** 2).mean()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
    return w, b, losses
