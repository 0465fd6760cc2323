# exercise: sigmoid
# kind: wrong
# fails: test_sigmoid
# why: exp(+z) in the denominator
# names: the sign in the exponent
def sigmoid(z):
    return 1.0 / (1.0 + torch.exp(z))
