# exercise: backward
# kind: wrong
# fails: test_backward
# why: the loss's mean is treated as a sum (no 1/n)
# names: a sum where the loss takes a mean
def backward(params, x, y):
    out = forward(params, x)
    delta = 2.0 * (out["y_hat"] - y)
    dz1 = delta * params["w3"] * out["a1"] * (1 - out["a1"])
    dz2 = delta * params["w4"] * out["a2"] * (1 - out["a2"])
    return {"b3": delta.sum(), "w3": (delta * out["a1"]).sum(), "w4": (delta * out["a2"]).sum(),
            "b1": dz1.sum(), "w1": (dz1 * x).sum(), "b2": dz2.sum(), "w2": (dz2 * x).sum()}
