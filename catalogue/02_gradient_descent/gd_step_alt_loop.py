# exercise: gd_step
# kind: alternative
# why: plain Python loop over the examples, floats throughout
def gd_step(w, b, x, y, lr):
    w, b = float(w), float(b)
    n = len(x)
    dw = db = 0.0
    for xi, yi in zip(x.tolist(), y.tolist()):
        r = w * xi + b - yi
        dw += 2 * r * xi / n
        db += 2 * r / n
    return w - lr * dw, b - lr * db
