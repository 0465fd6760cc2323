# exercise: backward
# kind: wrong
# fails: test_backward
# why: the sigmoid derivative a*(1-a) is missing on the hidden path
# names: the sigmoid derivative a1*(1-a1) is missing
def backward(params, x, y):
    out = forward(params, x)
    delta = 2.0 / x.shape[0] * (out["y_hat"] - y)
    dz1 = delta * params["w3"]
    dz2 = delta * params["w4"]
    return {"b3": delta.sum(), "w3": (delta * out["a1"]).sum(), "w4": (delta * out["a2"]).sum(),
            "b1": dz1.sum(), "w1": (dz1 * x).sum(), "b2": dz2.sum(), "w2": (dz2 * x).sum()}
