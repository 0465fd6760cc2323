# exercise: dropout
# kind: wrong
# fails: test_dropout test_dropout_special_cases
# why: writes into x in place: the caller's tensor changes, and autograd refuses it for a leaf that requires grad
def dropout(x, p, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    if not training or p == 0:
        return x
    if p == 1:
        return x.zero_()
    x[torch.rand_like(x) < p] = 0
    x /= 1 - p
    return x
