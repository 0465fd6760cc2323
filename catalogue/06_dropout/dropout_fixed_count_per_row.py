# exercise: dropout
# kind: wrong
# fails: test_dropout
# why: drops exactly round(p * n) positions of each row: the right fraction, but the decisions are not independent
def dropout(x, p, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    if not training or p == 0:
        return x
    if p == 1:
        return torch.zeros_like(x)
    flat = x.reshape(-1, x.shape[-1])
    n = flat.shape[1]
    k = round(p * n)
    order = torch.rand(flat.shape).argsort(dim=1)
    mask = (order >= k).to(x.dtype)
    return (flat * mask / (1 - p)).reshape(x.shape)
