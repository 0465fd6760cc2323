# exercise: dropout
# kind: wrong
# fails: test_dropout
# why: zeroes elements but does not scale the survivors by 1/(1-p)
# names: the survivors are not scaled
def dropout(x, p, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    if not training or p == 0:
        return x
    if p == 1:
        return torch.zeros_like(x)
    return x * (torch.rand_like(x) >= p)
