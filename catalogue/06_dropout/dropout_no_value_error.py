# exercise: dropout
# kind: wrong
# fails: test_dropout_special_cases
# why: never checks p; p = 1.5 silently returns zeros and p = -0.1 scales everything by 1/1.1
def dropout(x, p, training=True):
    if not training or p <= 0:
        return x
    if p >= 1:
        return torch.zeros_like(x)
    mask = (torch.rand_like(x) >= p).to(x.dtype)
    return x * mask / (1 - p)
