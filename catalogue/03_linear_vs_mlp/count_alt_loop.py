# exercise: count_parameters
# kind: alternative
# why: an explicit loop over named_parameters, multiplying out each shape
def count_parameters(model):
    total = 0
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        size = 1
        for d in p.shape:
            size *= d
        total += size
    return total
