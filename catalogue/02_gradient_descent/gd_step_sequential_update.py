# exercise: gd_step
# kind: wrong
# fails: test_gd_step
# why: b's gradient is computed after w was already updated
# names: already updated w
def gd_step(w, b, x, y, lr):
    n = len(x)
    dw = 2 / n * ((w * x + b - y) * x).sum()
    w = w - lr * dw
    db = 2 / n * (w * x + b - y).sum()
    b = b - lr * db
    return w, b
