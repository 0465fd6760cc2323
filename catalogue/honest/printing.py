# why: prints inside the answer while debugging
# change: answer
# exercise: mse_grads
def mse_grads(x, y, w, b):
    y_hat = w * x + b
    print("y_hat:", y_hat)
    n = x.shape[0]
    return 2.0 / n * ((y_hat - y) * x).sum(), 2.0 / n * (y_hat - y).sum()
