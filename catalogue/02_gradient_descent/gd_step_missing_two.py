# exercise: gd_step
# kind: wrong
# fails: test_gd_step
# why: the factor 2 from differentiating the square is missing
# names: the factor 2 of the gradient is missing
def gd_step(w, b, x, y, lr):
    residual = w * x + b - y
    dw = (residual * x).mean()
    db = residual.mean()
    return w - lr * dw, b - lr * db
