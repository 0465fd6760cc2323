# exercise: gd_step
# kind: wrong
# fails: test_gd_step
# why: the step adds the gradient (gradient ascent)
# names: the step goes uphill
def gd_step(w, b, x, y, lr):
    residual = w * x + b - y
    n = len(x)
    dw = 2 / n * (residual * x).sum()
    db = 2 / n * residual.sum()
    return w + lr * dw, b + lr * db
