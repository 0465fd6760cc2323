# exercise: sigmoid_grad
# kind: wrong
# fails: test_sigmoid_grad
# why: z * (1 - z) instead of sigma(z) * (1 - sigma(z))
def sigmoid_grad(z):
    return z * (1 - z)
