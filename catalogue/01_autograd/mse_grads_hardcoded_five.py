# exercise: mse_grads
# kind: wrong
# fails: test_mse_grads
# why: n hard-coded to 5 (right only on the visible example)
def mse_grads(x, y, w, b):
    residual = w * x + b - y
    return 2.0 / 5 * (residual * x).sum(), 2.0 / 5 * residual.sum()
