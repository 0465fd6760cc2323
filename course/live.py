"""Progress bars and curves that redraw while a model trains.

In a notebook ``LiveCurves`` shows one figure and redraws it in place after each epoch;
``progress`` wraps an iterable in a tqdm bar. In grading mode (``NBGRADER_EXECUTION`` set)
and outside a notebook both stay silent, so graded runs are fast and write nothing to stderr.
"""
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


def progress(iterable, **kwargs):
    """``tqdm`` over ``iterable``, disabled in grading mode and outside notebooks."""
    kwargs.setdefault("disable", grading_mode() or not _in_notebook())
    return tqdm(iterable, **kwargs)


class LiveCurves:
    """Curves that grow as training proceeds.

    >>> curves = LiveCurves(["train_loss", "val_loss"], title="MLP")
    >>> for epoch in range(10):
    ...     curves.update(train_loss=..., val_loss=...)
    >>> curves.close()          # leaves the final figure in the output

    ``history`` holds every value given, whether or not anything is drawn.
    """

    def __init__(self, keys, title="", ylabel="loss", enabled=None):
        self.history = {k: [] for k in keys}
        self.title, self.ylabel = title, ylabel
        self.enabled = (not grading_mode() and _in_notebook()) if enabled is None else enabled
        self._handle = None
        self.fig = self.ax = None

    def update(self, **values):
        for key, value in values.items():
            self.history.setdefault(key, []).append(float(value))
        if self.enabled:
            self._draw()

    def _draw(self):
        from IPython.display import display
        if self.fig is None:
            self.fig, self.ax = plt.subplots(figsize=(5.5, 3.5))
            plt.close(self.fig)  # drawn through the display handle only
        self.ax.clear()
        for key, values in self.history.items():
            if values:
                self.ax.plot(range(len(values)), values, marker="o", markersize=3, label=key.replace("_", " "))
        self.ax.set_xlabel("epoch")
        self.ax.set_ylabel(self.ylabel)
        self.ax.set_title(self.title)
        self.ax.legend()
        if self._handle is None:
            self._handle = display(self.fig, display_id=True)
        else:
            self._handle.update(self.fig)

    def close(self):
        return self.history
