# exercise: count_parameters
# kind: wrong
# fails: test_count_parameters
# why: counts only tensors named "weight", forgetting the biases
# names: only the weights were counted
def count_parameters(model):
    return sum(p.numel() for name, p in model.named_parameters() if "weight" in name and p.requires_grad)
