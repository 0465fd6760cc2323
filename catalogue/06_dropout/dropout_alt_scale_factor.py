# exercise: dropout
# kind: alternative
# why: a float mask that already holds 0 or 1/(1-p), multiplied into x
def dropout(x, p, training=True):
    if not (0.0 <= p <= 1.0):
        raise ValueError("dropout probability has to be between 0 and 1")
    if not training or p == 0.0:
        return x
    if p == 1.0:
        return torch.zeros_like(x)
    scale = 1.0 / (1.0 - p)
    mask = (torch.rand(x.shape, dtype=x.dtype, device=x.device) > p).to(x.dtype) * scale
    return x * mask
