"""Pictures of what a trained model does: decision boundaries and regression curves.

Both functions evaluate the model in ``eval()`` mode under ``torch.no_grad()`` on a dense
grid and put the model back into the mode it was in, so drawing never changes training.
Each draws on ``ax`` when given one, else on a new figure, and returns the axes.
"""
import torch

from course.plotting import axes_or_new

_CLASS_COLOURS = ("#d6604d", "#4393c3")  # the two ends of the RdBu shading


def _dtype_of(model):
    for p in model.parameters():
        return p.dtype
    return torch.get_default_dtype()


def predict(model, x):
    """``model(x)`` in eval mode without gradients, the model's mode restored afterwards."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model(x.to(_dtype_of(model)))
    finally:
        model.train(was_training)


def _limits(values, margin):
    low, high = float(values.min()), float(values.max())
    pad = margin * (high - low if high > low else 1.0)
    return low - pad, high + pad


def probability_grid(model, xlim, ylim, steps=200, logits=True):
    """(xx, yy, p): a ``steps`` x ``steps`` grid over the rectangle and the model's probability
    of class 1 at each point (the sigmoid of its output when ``logits``)."""
    xs = torch.linspace(xlim[0], xlim[1], steps)
    ys = torch.linspace(ylim[0], ylim[1], steps)
    xx, yy = torch.meshgrid(xs, ys, indexing="xy")
    points = torch.stack([xx.reshape(-1), yy.reshape(-1)], dim=1)
    out = predict(model, points).reshape(-1).double()
    p = torch.sigmoid(out) if logits else out
    return xx, yy, p.reshape(xx.shape)


def plot_decision_boundary(model, x, y, ax=None, title=None, logits=True, steps=200, margin=0.08,
                           show_probability=True, figsize=(4.2, 4.2)):
    """The data (class 1 blue, class 0 red) over the regions the model assigns to each class.

    ``model`` maps (N, 2) inputs to one output per point: a logit (``logits=True``, the
    default, as for ``nn.BCEWithLogitsLoss``) or a probability. The boundary is where the
    probability crosses 0.5; with ``show_probability`` the shading shows how sure the model
    is, else only the two regions are filled.
    """
    ax = axes_or_new(ax, figsize)
    x = torch.as_tensor(x).detach().cpu()
    labels = torch.as_tensor(y).detach().cpu().reshape(-1) > 0.5
    xlim, ylim = _limits(x[:, 0], margin), _limits(x[:, 1], margin)
    xx, yy, p = probability_grid(model, xlim, ylim, steps, logits)
    if show_probability:
        ax.contourf(xx, yy, p, levels=torch.linspace(0, 1, 11).tolist(), cmap="RdBu", alpha=0.25)
    else:
        ax.contourf(xx, yy, (p > 0.5).double(), levels=[-0.5, 0.5, 1.5], cmap="RdBu", alpha=0.2)
    if float(p.min()) < 0.5 < float(p.max()):
        ax.contour(xx, yy, p, levels=[0.5], colors="k", linewidths=1.2)
    for value, colour, name in ((False, _CLASS_COLOURS[0], "class 0"), (True, _CLASS_COLOURS[1], "class 1")):
        chosen = labels == value
        ax.scatter(x[chosen, 0], x[chosen, 1], s=18, color=colour, edgecolor="black", linewidth=0.4, label=name)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def accuracy(model, x, y, logits=True):
    """Fraction of points whose predicted class (probability > 0.5) equals the label (0/1)."""
    out = predict(model, x).reshape(-1)
    predicted = out > 0 if logits else out > 0.5
    return float((predicted == (torch.as_tensor(y).reshape(-1) > 0.5)).double().mean())


def plot_regression_model(model, x, y, ax=None, title=None, x_range=None, truth=None, extra=None,
                          train_range=None, steps=400, figsize=(5, 3.5), ylim=None):
    """Training points, the model's curve on a dense grid and, optionally, more.

    ``x``, ``y``: the training data ((N, 1) or (N,)). ``x_range``: the (low, high) of the
    curve, by default the data's range with a small margin. ``truth``: a function drawn as
    the dashed true curve. ``extra``: a list of ``(x, y, label)`` point sets drawn in other
    colours (validation or test data). ``train_range``: (low, high) shaded as the region the
    model saw; outside it the model extrapolates.
    """
    ax = axes_or_new(ax, figsize)
    x = torch.as_tensor(x).detach().cpu().reshape(-1)
    y = torch.as_tensor(y).detach().cpu().reshape(-1)
    low, high = x_range if x_range is not None else _limits(x, 0.05)
    grid = torch.linspace(float(low), float(high), steps).unsqueeze(1)
    curve = predict(model, grid).reshape(-1).double()
    if train_range is not None:
        ax.axvspan(float(train_range[0]), float(train_range[1]), color="gold", alpha=0.15, label="training range")
    ax.scatter(x, y, s=12, color="tab:blue", alpha=0.7, label="training data", zorder=3)
    for colour, (ex, ey, label) in zip(("tab:green", "tab:purple", "tab:brown"), extra or []):
        ax.scatter(torch.as_tensor(ex).reshape(-1), torch.as_tensor(ey).reshape(-1), s=12, color=colour,
                   alpha=0.7, label=label, zorder=3)
    if truth is not None:
        ax.plot(grid.reshape(-1), truth(grid.double()).reshape(-1), "k--", linewidth=1, label="true function")
    ax.plot(grid.reshape(-1), curve, color="tab:red", linewidth=2, label="model")
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    if title:
        ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7)
    return ax
