# exercise: count_parameters
# kind: wrong
# fails: test_count_parameters
# why: counts parameter tensors (one per weight matrix or bias) instead of their elements
# names: the number of parameter tensors
def count_parameters(model):
    return len([p for p in model.parameters() if p.requires_grad])
