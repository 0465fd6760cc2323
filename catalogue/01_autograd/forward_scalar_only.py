# exercise: forward
# kind: wrong
# fails: test_forward
# why: works only for a single example (uses x[0])
def forward(params, x):
    x0 = x[0]
    z1 = params["w1"] * x0 + params["b1"]
    a1 = sigmoid(z1)
    z2 = params["w2"] * x0 + params["b2"]
    a2 = sigmoid(z2)
    y_hat = params["w3"] * a1 + params["w4"] * a2 + params["b3"]
    return {k: v.reshape(1) for k, v in {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "y_hat": y_hat}.items()}
