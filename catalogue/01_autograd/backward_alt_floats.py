# exercise: backward
# kind: alternative
# why: chain rule written term by term, returning Python floats
def backward(params, x, y):
    out = forward(params, x)
    n = len(x)
    grads = dict.fromkeys(params, 0.0)
    for i in range(n):
        d = 2.0 / n * float(out["y_hat"][i] - y[i])
        a1, a2, xi = float(out["a1"][i]), float(out["a2"][i]), float(x[i])
        grads["b3"] += d
        grads["w3"] += d * a1
        grads["w4"] += d * a2
        grads["b1"] += d * params["w3"] * a1 * (1 - a1)
        grads["w1"] += d * params["w3"] * a1 * (1 - a1) * xi
        grads["b2"] += d * params["w4"] * a2 * (1 - a2)
        grads["w2"] += d * params["w4"] * a2 * (1 - a2) * xi
    return grads
