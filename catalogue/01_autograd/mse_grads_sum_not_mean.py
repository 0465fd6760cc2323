# exercise: mse_grads
# kind: wrong
# fails: test_mse_grads
# why: sum instead of mean (no division by n)
# names: a sum where the loss takes a mean
def mse_grads(x, y, w, b):
    residual = w * x + b - y
    return 2.0 * (residual * x).sum(), 2.0 * residual.sum()
