# why: the answer split into a helper function and its use
# change: answer
# exercise: mse_grads
def residuals(x, y, w, b):
    return (w * x + b) - y


def mse_grads(x, y, w, b):
    r = residuals(x, y, w, b)
    return 2 * (r * x).mean(), 2 * r.mean()
