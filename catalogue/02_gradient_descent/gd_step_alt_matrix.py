# exercise: gd_step
# kind: alternative
# why: matrix form: gradient = 2/n X^T (X theta - y) with a column of ones for the bias
def gd_step(w, b, x, y, lr):
    X = torch.stack([x, torch.ones_like(x)], dim=1)
    theta = torch.stack([torch.as_tensor(w, dtype=x.dtype), torch.as_tensor(b, dtype=x.dtype)])
    grad = 2.0 / len(x) * X.T @ (X @ theta - y)
    new = theta - lr * grad
    return new[0], new[1]
