# exercise: mse_grads
# kind: wrong
# fails: test_mse_grads
# why: residual taken as y - y_hat (sign flipped)
# names: the sign is flipped
def mse_grads(x, y, w, b):
    residual = y - (w * x + b)
    n = x.shape[0]
    return 2.0 / n * (residual * x).sum(), 2.0 / n * residual.sum()
