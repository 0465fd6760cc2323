# exercise: numerical_grad
# kind: wrong
# fails: test_numerical_grad
# why: shifts the caller's dict in place (and puts it back afterwards)
def numerical_grad(f, params, name, h=1e-4):
    original = params[name]
    params[name] = original + h
    up = f(params)
    params[name] = original - h
    down = f(params)
    params[name] = original
    return float((up - down) / (2 * h))
