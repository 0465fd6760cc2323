# exercise: mse_grads
# kind: wrong
# fails: test_mse_grads
# why: the factor 2 of the square's derivative is missing
# names: the factor 2 from differentiating the square is missing
def mse_grads(x, y, w, b):
    residual = w * x + b - y
    return (residual * x).mean(), residual.mean()
