# exercise: numerical_grad
# kind: wrong
# fails: test_numerical_grad
# why: ignores the argument h (always 1e-4)
# names: the argument h is ignored
def numerical_grad(f, params, name, h=1e-4):
    step = 1e-4
    plus, minus = dict(params), dict(params)
    plus[name] += step
    minus[name] -= step
    return float((f(plus) - f(minus)) / (2 * step))
