"""Progress bars and figures that redraw while a model trains.

``LiveFigure`` is the one figure the course redraws in place in a notebook (through a display
handle): a row of axes that a ``paint(axes)`` function draws on. ``LiveCurves`` records values
per epoch and draws them as curves on a ``LiveFigure``. ``progress`` wraps an iterable in a
tqdm bar. In grading mode (``NBGRADER_EXECUTION`` set) and outside a notebook they draw
nothing live, so graded runs are fast and write nothing to stderr.
"""
import time

import matplotlib.pyplot as plt
from tqdm.auto import tqdm

from course.notebook import grading_mode


def _in_notebook():
    try:
        from IPython import get_ipython
        shell = get_ipython()
        return shell is not None and "IPKernelApp" in shell.config
    except Exception:
        return False


def _live_by_default(enabled):
    return (not grading_mode() and _in_notebook()) if enabled is None else enabled


def progress(iterable, **kwargs):
    """``tqdm`` over ``iterable``, disabled in grading mode and outside notebooks."""
    kwargs.setdefault("disable", not _live_by_default(None))
    return tqdm(iterable, **kwargs)


class LiveFigure:
    """``ncols`` axes side by side, redrawn in place by ``update(paint)``, where ``paint(axes)``
    draws on freshly cleared axes.

    Options: ``every`` redraws on every ``every``-th update only, and ``min_interval`` no sooner
    than that many seconds after the last redraw (drawing costs a few tenths of a second, so
    short epochs are not slowed down by their own figure); ``pause`` waits that many seconds
    after each live redraw, so a fast loop can be watched. ``enabled`` defaults to "in a
    notebook and not grading".

    ``flush(paint)`` draws the last state if the last update was not drawn (live only);
    ``show(paint)`` draws the final state always, also in grading mode, in place of the live
    figure or as a new one.
    """

    def __init__(self, ncols=1, figsize=None, every=1, min_interval=0.0, pause=0.0, enabled=None):
        self.ncols = ncols
        self.figsize = figsize or (4.8 * ncols, 3.6)
        self.every, self.min_interval, self.pause = max(1, int(every)), min_interval, pause
        self.enabled = _live_by_default(enabled)
        self.fig = self.axes = None
        self.updates = self.frames = 0
        self._drawn_update = 0
        self._last_draw = None
        self._handle = None

    def update(self, paint):
        """Count an update and redraw with ``paint`` if one is due (live mode only)."""
        self.updates += 1
        if not self.enabled or self.updates % self.every:
            return False
        if self._last_draw is not None and time.monotonic() - self._last_draw < self.min_interval:
            return False
        self._draw_live(paint)
        if self.pause:
            time.sleep(self.pause)
        return True

    def flush(self, paint):
        """Redraw if updates came after the last redraw (live mode only)."""
        if self.enabled and self._drawn_update != self.updates:
            self._draw_live(paint)

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

    def _paint(self, paint):
        if self.fig is None:
            self.fig, axes = plt.subplots(1, self.ncols, figsize=self.figsize, squeeze=False)
            self.axes = list(axes[0])
            plt.close(self.fig)  # shown through the display handle only
        for ax in self.axes:
            ax.clear()
        paint(self.axes)
        self.fig.tight_layout()

    def _draw_live(self, paint):
        from IPython.display import display
        self._paint(paint)
        self.frames += 1
        self._drawn_update = self.updates
        if self._handle is None:
            self._handle = display(self.fig, display_id=True)
        else:
            self._handle.update(self.fig)
        self._last_draw = time.monotonic()


class LiveCurves:
    """Curves that grow as training proceeds, drawn on a ``LiveFigure``.

    >>> curves = LiveCurves(["train_loss", "val_loss"], title="MLP")
    >>> for epoch in range(10):
    ...     curves.update(train_loss=..., val_loss=...)
    >>> curves.close()          # draws what is not drawn yet, returns the history

    ``keys`` lists the keys drawn in one panel labelled ``ylabel``, or maps each panel's
    y-label to its keys (``{"loss": [...], "accuracy": [...]}``, one panel each; an
    "accuracy" panel spans 0..1). ``history`` holds every value given, drawn or not.
    ``logy`` puts the y-axes on a log scale, ``markers`` marks every value (leave it off for
    runs of hundreds of epochs), and epochs are numbered from ``first_epoch``. ``every``,
    ``min_interval``, ``figsize`` and ``enabled`` are passed to ``LiveFigure``.
    """

    def __init__(self, keys, title="", ylabel="loss", logy=False, markers=True, first_epoch=0,
                 every=1, min_interval=0.0, figsize=None, enabled=None):
        panels = keys if isinstance(keys, dict) else {ylabel: keys}
        self.panels = {label: list(panel_keys) for label, panel_keys in panels.items()}
        self.history = {k: [] for panel_keys in self.panels.values() for k in panel_keys}
        self.title, self.logy, self.markers, self.first_epoch = title, logy, markers, first_epoch
        n = len(self.panels)
        self.figure = LiveFigure(ncols=n, figsize=figsize or (5.5 * n, 3.5), every=every,
                                 min_interval=min_interval, enabled=enabled)

    @property
    def enabled(self):
        return self.figure.enabled

    def update(self, **values):
        for key, value in values.items():
            self.history.setdefault(key, []).append(float(value))
        self.figure.update(self.draw)

    def close(self):
        """Draw the final state if the last updates were not drawn yet; returns the history."""
        self.figure.flush(self.draw)
        return self.history

    def draw(self, axes=None):
        """Draw the history on a row of axes, one per panel (a new figure when none is given)."""
        if axes is None:
            fig, axes = plt.subplots(1, len(self.panels), figsize=self.figure.figsize, squeeze=False)
            axes = self.draw(axes[0])
            fig.tight_layout()
            return axes
        for ax, (label, keys) in zip(axes, self.panels.items()):
            for key in keys:
                values = self.history.get(key, [])
                if values:
                    ax.plot(range(self.first_epoch, self.first_epoch + len(values)), values,
                            marker="o" if self.markers else None, markersize=3, label=key.replace("_", " "))
            ax.set_xlabel("epoch")
            ax.set_ylabel(label)
            if self.logy:
                ax.set_yscale("log")
            if label == "accuracy":
                ax.set_ylim(0, 1.02)
            ax.grid(alpha=0.3)
            if any(self.history.get(k) for k in keys):
                ax.legend(fontsize=8)
        if len(axes) == 1:
            axes[0].set_title(self.title)
        elif self.title:
            axes[0].figure.suptitle(self.title)
        return axes
