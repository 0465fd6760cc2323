# exercise: mse_grads
# kind: alternative
# why: plain Python loop over the points, returning floats
def mse_grads(x, y, w, b):
    n = len(x)
    dw = db = 0.0
    for xi, yi in zip(x.tolist(), y.tolist()):
        r = w * xi + b - yi
        dw += 2 * r * xi / n
        db += 2 * r / n
    return dw, db
