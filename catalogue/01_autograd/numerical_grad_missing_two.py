# exercise: numerical_grad
# kind: wrong
# fails: test_numerical_grad
# why: divides the central difference by h instead of 2h
# names: divides by 2h, not h
def numerical_grad(f, params, name, h=1e-4):
    plus, minus = dict(params), dict(params)
    plus[name] += h
    minus[name] -= h
    return float((f(plus) - f(minus)) / h)
