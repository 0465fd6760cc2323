"""Reference solutions of 07_weight_decay, written independently of the notebook's: expected
values for the hidden tests (from PyTorch's own optimizers), and ``l2_penalty``, shipped into
the worker for ``train_l2``."""
import torch


def l2_penalty(model, lam):
    return lam / 2 * sum((p ** 2).sum() for p in model.parameters())


def sgd_weight_decay_step(values, grads, lr, lam):
    """One ``torch.optim.SGD(lr, weight_decay=lam)`` step on tensors with these values and
    gradients (None: no gradient, left alone): the values afterwards."""
    params = [v.clone().requires_grad_() for v in values]
    for p, g in zip(params, grads):
        p.grad = None if g is None else g.clone()
    torch.optim.SGD(params, lr=lr, weight_decay=lam).step()
    return [p.detach() for p in params]


def sgd_weight_decay_run(model, batches, lr, epochs, decays, decay_unreached=True):
    """``model`` trained in place by SGD with ``weight_decay=decays[i]`` for its i-th parameter,
    on the MSE of ``batches`` (the same every epoch). A parameter the data loss does not reach
    decays like the others (its data gradient is zero) unless ``decay_unreached`` is False,
    which is what SGD's own ``weight_decay`` does with no gradient at all.

    Returns, per epoch, the mean of the batches' data losses, that mean weighted by batch size,
    and the mean of data loss plus penalty (sum of decay / 2 * p^2, before the step)."""
    params = list(model.parameters())
    optimizer = torch.optim.SGD([{"params": [p], "weight_decay": d} for p, d in zip(params, decays)], lr=lr)
    means, weighted, totals = [], [], []
    for _ in range(epochs):
        losses, sizes, penalties = [], [], []
        for xb, yb in batches:
            penalties.append(sum(d / 2 * float((p.detach() ** 2).sum()) for p, d in zip(params, decays)))
            optimizer.zero_grad()
            loss = ((model(xb) - yb) ** 2).mean()
            loss.backward()
            for p in params:
                if p.grad is None and decay_unreached:
                    p.grad = torch.zeros_like(p)
            optimizer.step()
            losses.append(float(loss.detach()))
            sizes.append(len(xb))
        means.append(sum(losses) / len(losses))
        weighted.append(sum(l * n for l, n in zip(losses, sizes)) / sum(sizes))
        totals.append(sum(l + q for l, q in zip(losses, penalties)) / len(losses))
    return means, weighted, totals


def after_one_step(make, theta=2.0, lr=0.01, lam=0.1):
    """theta after one step of the optimizer ``make`` with ``weight_decay=lam`` on a zero data
    loss, in float64."""
    param = torch.tensor([theta], dtype=torch.float64, requires_grad=True)
    optimizer = make([param], lr=lr, weight_decay=lam)
    (param * 0.0).sum().backward()
    optimizer.step()
    return float(param.detach()[0])
