# exercise: sigmoid
# kind: wrong
# fails: test_sigmoid
# why: converts everything to float32 (loses float64 precision and dtype)
def sigmoid(z):
    z = z.float()
    return 1.0 / (1.0 + torch.exp(-z))
