import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from course import explorers, toy_data  # noqa: E402


def test_live_figure_is_silent_when_disabled_and_shows_the_final_state():
    live = explorers.LiveFigure(ncols=2, enabled=False)
    painted = []
    live.update(lambda axes: painted.append(len(axes)))
    assert painted == [] and live.frames == 0
    axes = live.show(lambda axes: painted.append(len(axes)))
    assert painted == [2] and len(axes) == 2
    plt.close("all")


def test_live_figure_is_disabled_in_grading_mode(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert explorers.LiveFigure().enabled is False


def test_live_figure_redraws_in_place(monkeypatch):
    shown = []

    class Handle:
        def update(self, fig):
            shown.append(("update", fig))

    def fake_display(fig, display_id=False):
        shown.append(("display", fig))
        return Handle()

    import IPython.display
    monkeypatch.setattr(IPython.display, "display", fake_display)
    live = explorers.LiveFigure(ncols=1, enabled=True)
    for value in range(3):
        live.update(lambda axes: axes[0].plot([0, value]))
    assert [kind for kind, _ in shown] == ["display", "update", "update"]
    assert len(live.axes[0].get_lines()) == 1, "axes are cleared before each frame"
    live.show(lambda axes: axes[0].plot([1, 2]))
    assert shown[-1][0] == "update"
    plt.close("all")


def test_paint_line_fit_and_losses():
    x, y = toy_data.five_points()
    fig, (a, b) = plt.subplots(1, 2)
    explorers.paint_line_fit(a, x, y, 3.0, 2.0, title="fit")
    line = [l for l in a.get_lines() if l.get_label().startswith("y =")][0]
    assert line.get_label() == "y = 3.000 x + 2.000"
    xs, ys = line.get_xdata(), line.get_ydata()
    assert abs(ys[0] - (3 * xs[0] + 2)) < 1e-9
    explorers.paint_losses(b, {"run": [10.0, 1.0, float("inf"), float("nan")]}, log=True)
    drawn = b.get_lines()[0]
    assert list(drawn.get_xdata()) == [1, 2], "non-finite losses are left out, epochs start at 1"
    assert b.get_yscale() == "log"
    plt.close(fig)


def test_paint_loss_landscape_marks_the_minimum_and_cuts_diverging_paths():
    x, y = toy_data.five_points(dtype=torch.float64)
    fig, ax = plt.subplots()
    far = ([0.0, 2.0, -50.0, 1e6, 1e12], [0.0, 1.0, -20.0, 1e5, 1e11])
    explorers.paint_loss_landscape(ax, x, y, {"diverging": far}, steps=60)
    star = [l for l in ax.get_lines() if l.get_label() == "minimum"][0]
    assert abs(star.get_xdata()[0] - 3.065) < 0.15 and abs(star.get_ydata()[0] - 1.749) < 0.15
    path = [l for l in ax.get_lines() if l.get_label() == "diverging"][0]
    assert len(path.get_xdata()) == 3, "the path stops at its first point far outside the window"
    plt.close(fig)


def test_capacity_explorer_builds_and_trains(monkeypatch):
    import IPython.display

    class Handle:
        def update(self, fig):
            pass

    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: Handle())
    x, y = toy_data.noisy_regression(n=20, seed=0)
    calls, painted = [], []

    def make(i, o, h, k):
        return nn.Sequential(nn.Linear(i, h), nn.Tanh(), nn.Linear(h, o)) if k else nn.Sequential(nn.Linear(i, o))

    def train(model, optimizer, task, n):
        calls.append(n)
        return {"train_loss": [1.0] * n, "val_loss": [2.0] * n}

    tasks = {"reg": {"in": 1, "out": 1, "x": x, "y": y,
                     "paint": lambda ax, model, task: painted.append(type(model).__name__)}}
    controls, out = explorers.capacity_explorer(make, train, tasks, epochs=(10, 100, 30))
    controls.children[-1].click()
    assert calls == [3] * 10, "trained in slices, redrawn after each"
    assert painted == ["Sequential"] * 10
    plt.close("all")
