import random

import matplotlib
import numpy as np
import pytest
import torch

from course import regularization as reg
from course import toy_data
from course.probes import RngState

matplotlib.use("Agg")


def test_models_are_built_from_their_seed_without_touching_the_global_rng():
    rng = RngState()
    a, b = reg.regression_net(seed=3), reg.regression_net(seed=3)
    assert rng.changed() == []
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert sum(p.numel() for p in a.parameters()) == 10401
    assert a(torch.zeros(5, 1)).shape == (5, 1)
    mlp = reg.digit_mlp(hidden=(256, 256), seed=0)
    assert sum(p.numel() for p in mlp.parameters()) == 269322
    assert mlp(torch.zeros(2, 1, 28, 28)).shape == (2, 10)


def test_recorded_run_is_a_copy_with_matching_lengths():
    run = reg.recorded_run()
    assert set(run) == {"train_loss", "val_loss"}
    assert len(run["train_loss"]) == len(run["val_loss"]) == 80
    run["val_loss"][0] = -1.0
    assert reg.recorded_run()["val_loss"][0] > 0
    val = run["val_loss"][1:]
    lowest = min(range(len(val)), key=val.__getitem__) + 1
    assert lowest == 15  # the explorer's prose relies on the minimum at epoch 15


@pytest.mark.parametrize("curve, patience, expected", [
    ([1.0, 0.9, 0.8], 1, None),
    ([1.0, 1.1], 1, 1),
    ([1.0, 1.1, 1.2, 1.0, 1.3, 1.4, 1.5], 3, 6),
    ([1.0, 1.1, 1.1, 1.2, 1.3], 2, 4),           # an equal loss is not an increase: it resets the count
    ([0.90, 0.70, 0.60, 0.62, 0.58, 0.61, 0.63, 0.59, 0.64, 0.66, 0.69, 0.71], 3, 10),
])
def test_consecutive_increases_stop(curve, patience, expected):
    assert reg.consecutive_increases_stop(curve, patience) == expected


def test_consecutive_rule_on_the_recorded_run():
    val = reg.recorded_run()["val_loss"]
    assert reg.consecutive_increases_stop(val, 1) == 6
    assert reg.consecutive_increases_stop(val, 3) == 33


def test_figures_draw_without_error():
    import matplotlib.pyplot as plt
    run = reg.recorded_run()
    ax = reg.plot_early_stopping(run, best_epoch=9, stopped_epoch=12, other_stops={"rule": 33, "never": None},
                                 logy=True)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("best epoch 9" in t for t in labels) and any("stopped after epoch 12" in t for t in labels)
    task = toy_data.regression_task(seed=7)
    model = reg.regression_net(seed=0)
    model.train()
    reg.plot_fits(task, {"untrained": model})
    assert model.training  # plot_fits puts the mode back
    axes = reg.plot_lambda_sweep([0.0, 0.01, 0.1], [0.1, 0.2, 0.5], [0.6, 0.3, 0.5], [10.0, 4.0, 1.0], chosen=0.01)
    assert len(axes) == 2
    plt.close("all")


def test_seeded_restores_the_global_rng():
    torch.manual_seed(0)
    random.seed(0)
    np.random.seed(0)
    rng = RngState()
    with reg.seeded(123):
        inside = torch.rand(3)
    assert rng.changed() == []
    with reg.seeded(123):
        assert torch.equal(torch.rand(3), inside)


def test_run_watcher_sees_each_finished_validation_pass_and_keeps_the_last_weights():
    from torch import nn
    from torch.utils.data import TensorDataset
    from course.loaders import batch_loader
    x, y = torch.linspace(-1, 1, 8).view(-1, 1), torch.linspace(0, 1, 8).view(-1, 1)
    model = nn.Sequential(nn.Linear(1, 4), nn.Dropout(0.5), nn.Linear(4, 1))
    seen = []
    watcher = reg.RunWatcher(model, batch_loader(TensorDataset(x, y), batch_size=3), nn.MSELoss(),
                             after_epoch=lambda epoch, m: seen.append((epoch, m.training, torch.is_grad_enabled())))
    assert len(watcher.val_loader) == 3 and len(watcher.val_loader.dataset) == 8
    for epoch in range(2):
        with torch.no_grad():
            model[0].weight += 1.0                       # what an epoch of training would do
        model.train()
        batches = [xb for xb, _ in watcher.val_loader]   # one complete validation pass
        assert len(batches) == 3 and model.training, "the model's mode is put back"
    partial = iter(watcher.val_loader)
    next(partial)                                        # an unfinished pass reports nothing
    assert seen == [(0, False, False), (1, False, False)]
    assert torch.equal(watcher.last_state["0.weight"], model[0].weight.detach())
    assert watcher.last_state["0.weight"] is not model[0].weight, "a copy, not the live tensor"
    model.eval()
    with torch.no_grad():
        expected = nn.MSELoss()(model(x), y).item()
    assert watcher.curves.history["val_loss"][-1] == pytest.approx(expected)
    watcher.close()
