# exercise: count_parameters
# kind: wrong
# fails: test_count_parameters
# why: counts every parameter, including frozen ones that the optimizer never changes
# names: the frozen weight (requires_grad=False) was counted
def count_parameters(model):
    return sum(p.numel() for p in model.parameters())
