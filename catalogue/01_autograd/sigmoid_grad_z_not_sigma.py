# exercise: sigmoid_grad
# kind: wrong
# fails: test_sigmoid_grad
# why: z * (1 - z) instead of sigma(z) * (1 - sigma(z))
# names: z * (1 - z) uses z where sigma(z) belongs
def sigmoid_grad(z):
    return z * (1 - z)
