# exercise: sigmoid_grad
# kind: alternative
# why: sigma(z) * sigma(-z), an equivalent identity
def sigmoid_grad(z):
    return sigmoid(z) * sigmoid(-z)
