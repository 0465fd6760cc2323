# exercise: dropout
# kind: wrong
# fails: test_dropout
# why: draws one mask for a single example and broadcasts it, so every example in the batch drops the same units
def dropout(x, p, training=True):
    if not 0 <= p <= 1:
        raise ValueError("p must be in [0, 1]")
    if not training or p == 0:
        return x
    if p == 1:
        return torch.zeros_like(x)
    mask = (torch.rand(x.shape[-1], dtype=x.dtype) >= p).to(x.dtype)
    return x * mask / (1 - p)
