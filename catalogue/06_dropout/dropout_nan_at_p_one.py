# exercise: dropout
# kind: wrong
# fails: test_dropout_special_cases
# why: no special case for p == 1, so 0 / (1 - 1) gives NaN everywhere
def dropout(x, p, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    if not training:
        return x
    mask = (torch.rand_like(x) >= p).to(x.dtype)
    return x * mask / (1 - p)
