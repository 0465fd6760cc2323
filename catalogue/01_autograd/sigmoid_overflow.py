# exercise: sigmoid
# kind: wrong
# fails: test_sigmoid
# why: exp(z) / (1 + exp(z)) overflows to inf/inf = NaN in float32
def sigmoid(z):
    return torch.exp(z) / (1 + torch.exp(z))
