# exercise: dropout
# kind: wrong
# fails: test_dropout_special_cases
# why: builds the result from x.detach(), cutting the graph: no gradient reaches x
def dropout(x, p, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    if not training or p == 0:
        return x
    if p == 1:
        return torch.zeros_like(x)
    values = x.detach()
    return torch.where(torch.rand_like(values) >= p, values / (1 - p), torch.zeros_like(values))
