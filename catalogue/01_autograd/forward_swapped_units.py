# exercise: forward
# kind: wrong
# fails: test_forward
# why: the second unit reuses w1 and b1
# names: z2 uses w1/b1
def forward(params, x):
    z1 = params["w1"] * x + params["b1"]
    a1 = sigmoid(z1)
    z2 = params["w1"] * x + params["b1"]
    a2 = sigmoid(z2)
    y_hat = params["w3"] * a1 + params["w4"] * a2 + params["b3"]
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "y_hat": y_hat}
