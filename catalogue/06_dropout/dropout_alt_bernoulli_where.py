# exercise: dropout
# kind: alternative
# why: a Bernoulli mask of keep probabilities and torch.where; p == 1 handled by multiplying by zero
def dropout(x, p, training=True):
    if p < 0 or p > 1:
        raise ValueError(f"p = {p} is not a probability")
    if not training or p == 0:
        return x.clone()
    if p == 1:
        return x * 0.0
    keep = torch.bernoulli(torch.full_like(x, 1 - p)).bool()
    return torch.where(keep, x / (1 - p), torch.zeros_like(x))
