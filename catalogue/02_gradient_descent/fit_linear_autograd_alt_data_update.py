# exercise: fit_linear_autograd
# kind: alternative
# why: updates through .data and clears the gradients by setting them to None
def fit_linear_autograd(x, y, lr, num_epochs):
    params = [torch.tensor(0.0, dtype=x.dtype, requires_grad=True) for _ in range(2)]
    losses = []
    for _ in range(num_epochs):
        w, b = params
        loss = nn.functional.mse_loss(w * x + b, y)
        losses.append(loss.item())
        loss.backward()
        for p in params:
            p.data -= lr * p.grad.data
            p.grad = None
    return params[0], params[1], losses
