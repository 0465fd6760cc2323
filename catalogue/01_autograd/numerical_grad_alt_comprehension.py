# exercise: numerical_grad
# kind: alternative
# why: shifted copies built with dict comprehensions, result as a 0-d tensor when f returns tensors
def numerical_grad(f, params, name, h=1e-4):
    up = f({k: (v + h if k == name else v) for k, v in params.items()})
    down = f({k: (v - h if k == name else v) for k, v in params.items()})
    return (up - down) / (2 * h)
