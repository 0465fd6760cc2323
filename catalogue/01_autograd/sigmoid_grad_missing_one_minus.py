# exercise: sigmoid_grad
# kind: wrong
# fails: test_sigmoid_grad
# why: returns sigma(z) without the factor (1 - sigma(z))
# names: the factor (1 - sigma(z)) is missing
def sigmoid_grad(z):
    return sigmoid(z)
