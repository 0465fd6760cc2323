# exercise: forward
# kind: alternative
# why: the two hidden units in a loop, building the dict as it goes
def forward(params, x):
    out = {}
    y_hat = params["b3"]
    for unit, out_weight in ((1, "w3"), (2, "w4")):
        z = params[f"w{unit}"] * x + params[f"b{unit}"]
        a = sigmoid(z)
        out[f"z{unit}"], out[f"a{unit}"] = z, a
        y_hat = y_hat + params[out_weight] * a
    out["y_hat"] = y_hat
    return out
