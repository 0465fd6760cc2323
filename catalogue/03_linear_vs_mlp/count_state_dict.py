# exercise: count_parameters
# kind: wrong
# fails: test_count_parameters
# why: sums over state_dict(), which also holds buffers (batch-norm statistics) and frozen weights
# names: the batch-norm buffers
def count_parameters(model):
    return sum(t.numel() for t in model.state_dict().values())
