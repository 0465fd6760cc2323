# exercise: forward
# kind: wrong
# fails: test_forward
# why: the output bias b3 is left out
# names: the output bias b3 is missing
def forward(params, x):
    z1 = params["w1"] * x + params["b1"]
    a1 = sigmoid(z1)
    z2 = params["w2"] * x + params["b2"]
    a2 = sigmoid(z2)
    y_hat = params["w3"] * a1 + params["w4"] * a2
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "y_hat": y_hat}
