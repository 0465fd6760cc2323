# exercise: dropout
# kind: wrong
# fails: test_dropout_special_cases
# why: ignores the training flag, so dropout keeps dropping in eval mode
def dropout(x, p, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    if p == 0:
        return x
    if p == 1:
        return torch.zeros_like(x)
    mask = (torch.rand_like(x) >= p).to(x.dtype)
    return x * mask / (1 - p)
