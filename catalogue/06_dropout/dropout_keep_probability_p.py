# exercise: dropout
# kind: wrong
# fails: test_dropout
# why: treats p as the probability of keeping a unit (mask = rand < p), as in some other frameworks' keep_prob
# names: p is the probability of dropping an element
def dropout(x, p, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    if not training or p == 0:
        return x
    if p == 1:
        return torch.zeros_like(x)
    mask = (torch.rand_like(x) < p).to(x.dtype)
    return x * mask / (1 - p)
