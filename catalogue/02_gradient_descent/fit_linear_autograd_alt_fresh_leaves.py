# exercise: fit_linear_autograd
# kind: alternative
# why: torch.autograd.grad and fresh leaf tensors each epoch (no .grad to zero), floats returned
def fit_linear_autograd(x, y, lr, num_epochs):
    w = torch.zeros((), dtype=x.dtype, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, requires_grad=True)
    losses = []
    for _ in range(num_epochs):
        loss = torch.mean((w * x + b - y) ** 2)
        losses.append(float(loss.detach()))
        gw, gb = torch.autograd.grad(loss, (w, b))
        w = (w - lr * gw).detach().requires_grad_(True)
        b = (b - lr * gb).detach().requires_grad_(True)
    return w.item(), b.item(), losses
