import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from course import explorers, toy_data  # noqa: E402


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


def test_figure_explorer_redraws_on_every_change(capsys):
    import matplotlib.pyplot as plt
    from ipywidgets import IntSlider
    calls = []

    def draw(a, b):
        calls.append((a, b))
        figure, ax = plt.subplots()
        ax.plot([0, a + b])
        return figure, f"a + b = {a + b}"

    first, second = IntSlider(value=2, min=0, max=5), IntSlider(value=1, min=0, max=5)
    explorers.figure_explorer(draw, a=first, b=second)
    first.value = 4
    second.value = 0
    assert calls == [(2, 1), (4, 1), (4, 0)]
    assert plt.get_fignums() == []  # every figure is closed once drawn
    assert "a + b = 3" in capsys.readouterr().out
