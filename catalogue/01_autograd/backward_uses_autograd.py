# exercise: backward
# kind: wrong
# fails: test_backward_no_autograd
# why: asks torch.autograd for the gradients instead of using the chain rule
def backward(params, x, y):
    leaves = {k: torch.tensor(float(v), dtype=x.dtype, requires_grad=True) for k, v in params.items()}
    y_hat = forward(leaves, x)["y_hat"]
    loss = ((y - y_hat) ** 2).mean()
    names = list(leaves)
    grads = torch.autograd.grad(loss, [leaves[k] for k in names])
    return {k: g.detach() for k, g in zip(names, grads)}
