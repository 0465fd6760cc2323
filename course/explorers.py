"""Interactive explorers, and the pictures they paint on a ``course.live.LiveFigure``.

``paint_line_fit`` and ``paint_losses`` draw the two halves of the gradient-descent picture
(the line through the points, the loss so far), ``paint_loss_landscape`` the paths across
L(w, b); ``capacity_explorer`` is the width/depth widget of the overfitting assignment, and
``figure_explorer`` puts sliders above any figure they redraw.
"""
import matplotlib.pyplot as plt
import torch

from course.live import LiveFigure


def paint_line_fit(ax, x, y, w, b, title=None, ylim=None):
    """The points and the line y = w x + b through them."""
    x = torch.as_tensor(x, dtype=torch.float64).detach().reshape(-1)
    y = torch.as_tensor(y, dtype=torch.float64).detach().reshape(-1)
    ax.scatter(x, y, color="tab:blue", s=40, zorder=3, label="data")
    low, high = float(x.min()), float(x.max())
    pad = 0.1 * (high - low) + 0.5
    grid = torch.linspace(low - pad, high + pad, 50, dtype=torch.float64)
    ax.plot(grid, float(w) * grid + float(b), color="tab:green", linewidth=2,
            label=f"y = {float(w):.3f} x + {float(b):.3f}")
    if ylim is None:
        span = float(y.max()) - float(y.min())
        ylim = (min(0.0, float(y.min()) - 0.2 * span), float(y.max()) + 0.2 * span)
    ax.set_ylim(*ylim)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(title or "Current fit", fontsize=10)
    ax.legend(loc="upper left", fontsize=8)
    return ax


def paint_losses(ax, curves, title="Training loss", log=False, xlabel="epoch", first=1, xmax=None):
    """Loss curves from a dict {label: list of losses}; epoch numbers start at ``first``.

    Non-finite values (a diverging run) are left out so the axes stay readable."""
    for label, values in curves.items():
        points = [(first + i, float(v)) for i, v in enumerate(values) if abs(float(v)) < float("inf")]
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], label=label,
                    marker="o" if len(points) <= 60 else None, markersize=3)
    if log:
        ax.set_yscale("log")
    if xmax is not None:
        ax.set_xlim(first - 0.5, xmax + 0.5)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("loss")
    ax.set_title(title, fontsize=10)
    ax.grid(True, alpha=0.3)
    if len(curves) > 1 or any(curves):
        ax.legend(fontsize=8)
    return ax


def paint_loss_landscape(ax, x, y, paths=None, wlim=(-1.0, 5.0), blim=(-3.0, 5.0), steps=200, title=None):
    """Contours of L(w, b) = mean((w x + b - y)^2) and gradient-descent paths across them.

    ``paths`` maps a label to the visited points as two lists (ws, bs); points that left
    far outside the window are cut off, so a diverging path shows its first swings and
    then leaves."""
    x = torch.as_tensor(x, dtype=torch.float64).detach().reshape(-1)
    y = torch.as_tensor(y, dtype=torch.float64).detach().reshape(-1)
    ws = torch.linspace(wlim[0], wlim[1], steps, dtype=torch.float64)
    bs = torch.linspace(blim[0], blim[1], steps, dtype=torch.float64)
    ww, bb = torch.meshgrid(ws, bs, indexing="xy")
    residual = ww.unsqueeze(-1) * x + bb.unsqueeze(-1) - y
    loss = (residual ** 2).mean(dim=-1)
    levels = torch.logspace(float(torch.log10(loss.min())) + 0.05, float(torch.log10(loss.max())), 14).tolist()
    ax.contour(ww, bb, loss, levels=levels, cmap="viridis", linewidths=0.8)
    best = torch.argmin(loss)
    ax.plot(float(ww.reshape(-1)[best]), float(bb.reshape(-1)[best]), "k*", markersize=10, label="minimum")
    for label, (path_w, path_b) in (paths or {}).items():
        inside = []
        for w, b in zip(path_w, path_b):
            w, b = float(w), float(b)
            if not (abs(w - sum(wlim) / 2) <= wlim[1] - wlim[0] and abs(b - sum(blim) / 2) <= blim[1] - blim[0]):
                inside.append((w, b))  # one point beyond the window shows where it went
                break
            inside.append((w, b))
        if inside:
            ax.plot([p[0] for p in inside], [p[1] for p in inside], "o-", markersize=2.5, linewidth=1, label=label)
    ax.set_xlim(*wlim)
    ax.set_ylim(*blim)
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.set_title(title or "Loss landscape L(w, b)", fontsize=10)
    ax.legend(fontsize=7, loc="lower left")
    return ax


def capacity_explorer(make_model, train, tasks, epochs=(100, 3000, 800), chunk=None):
    """An ipywidgets explorer: choose a task, the number of hidden layers and their width,
    press *Train*, and watch the fit (or decision boundary) and the train/validation loss.

    ``make_model(in_features, out_features, hidden, layers)`` builds a network;
    ``train(model, optimizer, task, num_epochs)`` trains it for ``num_epochs`` epochs and
    returns ``{"train_loss": [...], "val_loss": [...]}``; it is called repeatedly for
    ``chunk`` epochs so the figure can be redrawn in between. ``tasks`` maps a name to a
    dict with ``in``/``out`` sizes, a ``paint(ax, model, task)`` that draws the data and
    the model, and whatever ``train`` needs (data, loss).
    """
    import ipywidgets as widgets
    from IPython.display import display

    task_box = widgets.Dropdown(options=list(tasks), description="task")
    depth = widgets.IntSlider(value=1, min=0, max=6, description="hidden layers")
    width = widgets.IntSlider(value=8, min=1, max=64, description="width")
    lo, hi, default = epochs
    n_epochs = widgets.IntSlider(value=default, min=lo, max=hi, step=lo, description="epochs")
    lr = widgets.FloatLogSlider(value=0.01, base=10, min=-3.5, max=-1, description="Adam lr")
    button = widgets.Button(description="Train", button_style="primary")
    out = widgets.Output()

    def run(_=None):
        out.clear_output(wait=True)
        with out:
            task = tasks[task_box.value]
            torch.manual_seed(0)
            model = make_model(task["in"], task["out"], width.value, depth.value)
            params = sum(p.numel() for p in model.parameters())
            optimizer = torch.optim.Adam(model.parameters(), lr=lr.value)
            history = {"train_loss": [], "val_loss": []}
            live = LiveFigure(ncols=2, figsize=(10, 3.8), enabled=True)
            step = chunk or max(1, n_epochs.value // 10)
            done = 0

            def paint(axes):
                task["paint"](axes[0], model, task)
                axes[0].set_title(f"{depth.value} hidden x {width.value} ({params} parameters), "
                                  f"epoch {done}", fontsize=9)
                paint_losses(axes[1], {"train": history["train_loss"], "validation": history["val_loss"]},
                             title=f"train {history['train_loss'][-1]:.3f}, validation "
                                   f"{history['val_loss'][-1]:.3f}" if done else "loss",
                             log=True)
            while done < n_epochs.value:
                todo = min(step, n_epochs.value - done)
                result = train(model, optimizer, task, todo)
                history["train_loss"] += [float(v) for v in result["train_loss"]]
                history["val_loss"] += [float(v) for v in result["val_loss"]]
                done += todo
                live.update(paint)

    button.on_click(run)
    controls = widgets.VBox([task_box, widgets.HBox([depth, width]), widgets.HBox([n_epochs, lr]), button])
    display(controls, out)
    return controls, out


def figure_explorer(draw, **controls):
    """Controls (ipywidgets sliders, ...) above a figure that they redraw in place.

    ``draw(**values)`` gets the current value of every control, keyed like ``controls``, and
    returns ``(figure, text)``: a matplotlib figure and a few lines of text to show above it.
    The figure is shown through a display handle and the text in an ``HTML`` widget; no
    ``ipywidgets.Output`` widget is involved, because headless runners such as nbclient can
    deadlock on the output that ``interact`` sends into one. Returns the display handle.
    """
    import html

    import ipywidgets as widgets
    from IPython.display import display

    def render():
        figure, text = draw(**{name: control.value for name, control in controls.items()})
        plt.close(figure)  # shown through the handle only, not again at the end of the cell
        return figure, "<pre style='line-height:1.3'>" + html.escape(text or "") + "</pre>"

    figure, text = render()
    label = widgets.HTML(value=text)
    display(widgets.VBox([*controls.values(), label]))
    handle = display(figure, display_id=True)

    def redraw(change=None):
        figure, label.value = render()
        if handle is not None:  # None outside IPython, where display() just prints
            handle.update(figure)

    for control in controls.values():
        control.observe(redraw, names="value")
    return handle
