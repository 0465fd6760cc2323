# exercise: sigmoid_grad
# kind: wrong
# fails: test_sigmoid_grad
# why: exp(-z) / (1 + exp(-z))**2 overflows to NaN for large negative z
def sigmoid_grad(z):
    e = torch.exp(-z)
    return e / (1 + e) ** 2
