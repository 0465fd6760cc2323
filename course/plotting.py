"""Figures the notebooks share. Each function draws on ``ax`` when given one, else on a new figure,
and returns the axes so a notebook can add to it."""
import matplotlib.pyplot as plt
import torch


def axes_or_new(ax, figsize=(5, 3.5)):
    """``ax`` when given, else the axes of a new figure of ``figsize``: how every figure function
    of the course lets a notebook choose between drawing into its own layout and a figure of its own."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_sigmoid_and_derivative(sigmoid, sigmoid_grad, ax=None, limit=10):
    """sigma(z) and sigma'(z) side by side: the derivative never exceeds 1/4."""
    ax = axes_or_new(ax, figsize=(6, 3.5))
    z = torch.linspace(-limit, limit, 401, dtype=torch.float64)
    ax.plot(z, sigmoid(z), label=r"$\sigma(z)$")
    ax.plot(z, sigmoid_grad(z), label=r"$\sigma'(z) = \sigma(z)(1-\sigma(z))$")
    ax.axhline(0.25, color="gray", linestyle=":", linewidth=1)
    ax.set_xlabel("z")
    ax.set_title("The sigmoid saturates; its slope is at most 0.25")
    ax.legend()
    return ax


def show_images(images, labels=None, class_names=None, ncols=5, size=1.6):
    """A grid of images given as a (n, C, H, W) tensor with values in 0..1."""
    n = len(images)
    nrows = (n + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        img = images[i].detach().cpu()
        if img.shape[0] == 1:
            ax.imshow(img[0], cmap="gray")
        else:
            ax.imshow(img.permute(1, 2, 0))
        if labels is not None:
            label = int(labels[i])
            ax.set_title(class_names[label] if class_names else str(label), fontsize=9)
    fig.tight_layout()
    return axes


def draw_autograd_graph(output, params=None, ax=None):
    """Draw the graph autograd recorded for ``output``: one box per ``grad_fn`` node, the
    loss on the right, the parameters (``AccumulateGrad`` leaves, named from ``params``) on
    the left. A small, dependency-free stand-in for torchviz."""
    names = {id(p): n for n, p in (params or {}).items()}
    depth, order, edges = {}, [], []
    frontier = [(output.grad_fn, 0)]
    while frontier:
        node, d = frontier.pop(0)
        if node is None:
            continue
        if id(node) in depth:
            depth[id(node)] = max(depth[id(node)], d)
            continue
        depth[id(node)] = d
        order.append(node)
        for child, _ in node.next_functions:
            if child is not None:
                edges.append((child, node))
                frontier.append((child, d + 1))
    max_depth = max(depth.values())
    columns = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    position = {}
    for d, nodes in columns.items():
        for i, node in enumerate(nodes):
            position[id(node)] = (max_depth - d, (len(nodes) - 1) / 2 - i)
    ax = axes_or_new(ax, figsize=(1.8 * (max_depth + 1), 1.2 * max(len(v) for v in columns.values()) + 1))
    for child, parent in edges:
        ax.annotate("", xy=position[id(parent)], xytext=position[id(child)],
                    arrowprops=dict(arrowstyle="->", color="gray", shrinkA=18, shrinkB=18))
    for node in order:
        label = type(node).__name__.replace("Backward0", "").replace("Backward1", "")
        leaf = hasattr(node, "variable")
        if leaf:
            label = names.get(id(node.variable), "leaf") + "\n" + str(tuple(node.variable.shape))
        ax.text(*position[id(node)], label, ha="center", va="center", fontsize=8,
                bbox=dict(boxstyle="round", facecolor="lightblue" if leaf else "lightgray"))
    ax.set_xlim(-0.7, max_depth + 0.7)
    ax.set_ylim(min(p[1] for p in position.values()) - 0.7, max(p[1] for p in position.values()) + 0.7)
    ax.axis("off")
    ax.set_title("autograd graph: parameters (blue) -> operations -> loss")
    return ax
