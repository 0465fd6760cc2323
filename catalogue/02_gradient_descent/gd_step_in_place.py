# exercise: gd_step
# kind: wrong
# fails: test_gd_step
# why: updates w and b in place, which changes the caller's tensors when w, b are tensors
def gd_step(w, b, x, y, lr):
    residual = w * x + b - y
    dw = 2 * (residual * x).mean()
    db = 2 * residual.mean()
    w -= lr * dw
    b -= lr * db
    return w, b
