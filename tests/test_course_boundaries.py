import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from course import boundaries, probes, toy_data  # noqa: E402


class RadiusModel(nn.Module):
    """Logit that is positive inside the circle of radius pi; records its modes."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.tensor(3.0))
        self.seen = []

    def forward(self, x):
        self.seen.append((self.training, torch.is_grad_enabled()))
        return (self.scale * (torch.pi - x.norm(dim=1))).unsqueeze(1)


def test_predict_runs_in_eval_mode_without_grad_and_restores_the_mode():
    model = RadiusModel()
    model.train()
    out = boundaries.predict(model, torch.zeros(3, 2))
    assert model.seen == [(False, False)] and model.training
    assert not out.requires_grad
    model.eval()
    boundaries.predict(model, torch.zeros(1, 2))
    assert not model.training


def test_predict_casts_inputs_to_the_model_dtype():
    model = nn.Linear(1, 1).double()
    assert boundaries.predict(model, torch.zeros(2, 1)).dtype == torch.float64


def test_accuracy_and_probability_grid():
    x, y = toy_data.circles(n=500, seed=3, swap=0.0)
    model = RadiusModel()
    assert boundaries.accuracy(model, x, y) == 1.0
    assert boundaries.accuracy(model, x, 1 - y) == 0.0
    xx, yy, p = boundaries.probability_grid(model, (-4, 4), (-4, 4), steps=41)
    assert xx.shape == yy.shape == p.shape == (41, 41)
    assert float(p[20, 20]) > 0.99 and float(p[0, 0]) < 0.01


def test_plot_decision_boundary_draws_regions_points_and_the_boundary():
    x, y = toy_data.circles(n=100, seed=0)
    model = RadiusModel()
    model.train()
    ax = boundaries.plot_decision_boundary(model, x, y, title="t", steps=50)
    assert ax.get_title() == "t"
    assert len(ax.collections) >= 3  # filled contours, boundary, two scatters (matplotlib version dependent)
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["class 0", "class 1"]
    assert model.training, "drawing must not leave the model in eval mode"
    before = [p.detach().clone() for p in model.parameters()]
    boundaries.plot_decision_boundary(model, x, y, show_probability=False, steps=30)
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters()))
    plt.close("all")


def test_plot_regression_model_draws_curve_data_and_extras():
    x, y = toy_data.noisy_regression(n=30, seed=0)
    model = nn.Sequential(nn.Linear(1, 4), nn.Tanh(), nn.Linear(4, 1))
    ax = boundaries.plot_regression_model(model, x, y, x_range=(-3, 3), truth=toy_data.regression_truth,
                                          extra=[(x[:5], y[:5], "validation")], train_range=(-2, 2),
                                          title="fit", ylim=(-10, 10))
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["training range", "training data", "validation", "true function", "model"]
    model_line = [line for line in ax.get_lines() if line.get_label() == "model"][0]
    xs = model_line.get_xdata()
    assert float(xs[0]) == pytest.approx(-3) and float(xs[-1]) == pytest.approx(3)
    assert ax.get_ylim() == (-10, 10)
    plt.close("all")
