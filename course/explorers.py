"""Figures that change while a model trains, and the interactive explorers built on them.

``LiveFigure`` is a row of axes redrawn in place in the notebook (through a display handle,
like ``course.live.LiveCurves``). In grading mode and outside a notebook it draws nothing
until ``show()``, which draws the final state once, so a graded run stays fast.

``paint_line_fit`` and ``paint_losses`` draw the two halves of the gradient-descent picture
(the line through the points, the loss so far); ``capacity_explorer`` is the width/depth
widget of the overfitting assignment.
"""
import time

import matplotlib.pyplot as plt
import torch

from course.live import _in_notebook
from course.notebook import grading_mode


class LiveFigure:
    """``ncols`` axes side by side, redrawn by ``update(paint)`` where ``paint(axes)`` draws on
    freshly cleared axes. ``pause`` seconds are waited after each live redraw so a fast loop
    can be watched; ``show(paint)`` draws the final state (always, also in grading mode)."""

    def __init__(self, ncols=2, figsize=None, pause=0.0, enabled=None):
        self.ncols = ncols
        self.figsize = figsize or (4.8 * ncols, 3.6)
        self.pause = pause
        self.enabled = (not grading_mode() and _in_notebook()) if enabled is None else enabled
        self.fig = self.axes = None
        self._handle = None
        self.frames = 0

    def _paint(self, paint):
        if self.fig is None:
            self.fig, axes = plt.subplots(1, self.ncols, figsize=self.figsize, squeeze=False)
            self.axes = list(axes[0])
            plt.close(self.fig)  # shown through the display handle only
        for ax in self.axes:
            ax.clear()
        paint(self.axes)
        self.fig.tight_layout()

    def update(self, paint):
        """Redraw now (live mode only)."""
        if not self.enabled:
            return
        from IPython.display import display
        self._paint(paint)
        self.frames += 1
        if self._handle is None:
            self._handle = display(self.fig, display_id=True)
        else:
            self._handle.update(self.fig)
        if self.pause:
            time.sleep(self.pause)

    def show(self, paint):
        """Draw the final state: in place of the live figure, or as a new figure."""
        self._paint(paint)
        if self._handle is not None:
            self._handle.update(self.fig)
        else:
            try:
                from IPython.display import display
                display(self.fig)
            except ImportError:  # pragma: no cover (IPython ships with the course)
                pass
        return self.axes


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
