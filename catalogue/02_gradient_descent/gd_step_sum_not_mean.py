# exercise: gd_step
# kind: wrong
# fails: test_gd_step
# why: gradients of the summed (not mean) squared error: no division by n
# names: the gradient sums where the loss takes a mean
def gd_step(w, b, x, y, lr):
    residual = w * x + b - y
    dw = 2 * (residual * x).sum()
    db = 2 * residual.sum()
    return w - lr * dw, b - lr * db
