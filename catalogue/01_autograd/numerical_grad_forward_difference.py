# exercise: numerical_grad
# kind: wrong
# fails: test_numerical_grad
# why: one-sided difference (f(p+h) - f(p)) / h
# names: a one-sided difference
def numerical_grad(f, params, name, h=1e-4):
    shifted = dict(params)
    shifted[name] = params[name] + h
    return float((f(shifted) - f(params)) / h)
