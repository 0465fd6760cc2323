import random

import numpy as np
import pytest
import torch

from course import probes, toy_data


def test_five_points_are_the_lecture_values():
    x, y = toy_data.five_points(dtype=torch.float64)
    assert x.tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert y.tolist() == [4.73, 8.10, 11.25, 13.07, 17.57]
    assert toy_data.five_points()[0].dtype == torch.float32
    assert toy_data.five_points(seed=1)[1].tolist() != y.tolist()


@pytest.mark.parametrize("make", [
    lambda seed: toy_data.five_points(seed=seed),
    lambda seed: toy_data.line_data(n=20, seed=seed),
    lambda seed: toy_data.noisy_regression(n=30, seed=seed),
    lambda seed: toy_data.circles(n=40, seed=seed),
    lambda seed: toy_data.sin_cos(n=25, seed=seed),
    lambda seed: toy_data.sin_cos(n=25, seed=seed, random_x=True),
])
def test_generators_are_seeded_and_leave_the_global_rng_alone(make):
    torch.manual_seed(3)
    np.random.seed(3)
    random.seed(3)
    state = probes.RngState()
    a = make(5)
    assert state.changed() == []
    torch.manual_seed(99)
    b = make(5)
    assert all(torch.equal(u, v) for u, v in zip(a, b)), "same seed, different data"
    c = make(6)
    assert not all(torch.equal(u, v) for u, v in zip(a, c)), "the seed has no effect"


def test_shapes_and_dtypes():
    x, y = toy_data.line_data(n=17, seed=0)
    assert x.shape == (17, 1) and y.shape == (17, 1) and x.dtype == torch.float32
    assert 0 <= float(x.min()) and float(x.max()) < 6
    x, y = toy_data.noisy_regression(n=50, dtype=torch.float64)
    assert x.shape == (50, 1) and y.shape == (50, 1) and y.dtype == torch.float64
    x, y = toy_data.circles(n=60)
    assert x.shape == (60, 2) and y.shape == (60, 1)
    assert set(y.reshape(-1).tolist()) <= {0.0, 1.0}
    x, y = toy_data.sin_cos(n=11, low=-1, high=1)
    assert x.shape == (11, 1) and float(x[0]) == -1 and float(x[-1]) == 1
    assert torch.all(x[1:] > x[:-1]), "the grid is sorted"


def test_noisy_regression_matches_the_lecture_draw():
    torch.manual_seed(42)
    x = 1.5 * torch.randn(100, 1)
    y = 2 * x + 3.0 * torch.sin(3 * x) + 1 + 2 * torch.randn(100, 1)
    got_x, got_y = toy_data.noisy_regression(n=100, seed=42)
    assert torch.equal(x, got_x) and torch.equal(y, got_y)


def test_circle_labels_follow_the_radius_with_noise_near_it():
    x, y = toy_data.circles(n=4000, seed=0)
    d = x.norm(dim=1)
    inside = (d < torch.pi).float()
    agree = (y[:, 0] == inside)
    far = (d - torch.pi).abs() > 2.5
    near = (d - torch.pi).abs() < 0.3
    assert agree[far].float().mean() > 0.97
    assert 0.6 < agree[near].float().mean() < 0.85  # about 30% swapped on the circle
    assert toy_data.circle_swap_probability(torch.tensor(torch.pi)) == pytest.approx(0.3)


def test_sin_cos_noise_level():
    x, y = toy_data.sin_cos(n=5000, noise=0.1, seed=1)
    residual = y - toy_data.sin_cos_truth(x)
    assert float(residual.std()) == pytest.approx(0.1, rel=0.05)


def test_loader_batches_and_shuffling():
    x = torch.arange(10.0).unsqueeze(1)
    y = 2 * x
    batches = list(toy_data.loader(x, y, batch_size=4))
    assert [len(xb) for xb, _ in batches] == [4, 4, 2]
    assert torch.equal(torch.cat([xb for xb, _ in batches]), x)
    assert all(torch.equal(2 * xb, yb) for xb, yb in batches)
    whole = list(toy_data.loader(x, y))
    assert len(whole) == 1 and torch.equal(whole[0][0], x)
    state = probes.RngState()
    shuffled = toy_data.loader(x, y, batch_size=3, shuffle=True, seed=7)
    first = torch.cat([xb for xb, _ in shuffled])
    second = torch.cat([xb for xb, _ in shuffled])
    assert state.changed() == []
    assert sorted(first[:, 0].tolist()) == list(range(10))
    assert not torch.equal(first, second), "a new order every epoch"
    again = torch.cat([xb for xb, _ in toy_data.loader(x, y, batch_size=3, shuffle=True, seed=7)])
    assert torch.equal(first, again), "reproducible for a seed"
    assert len(shuffled) == 4


def test_regression_task_is_deterministic_and_leaves_the_global_rng_alone():
    rng = probes.RngState()
    a, b = toy_data.regression_task(seed=7), toy_data.regression_task(seed=7)
    assert rng.changed() == []
    assert (len(a.train), len(a.val), len(a.test)) == (15, 100, 100)
    for split in ("train", "val", "test"):
        xa, ya = getattr(a, split).tensors
        xb, yb = getattr(b, split).tensors
        assert torch.equal(xa, xb) and torch.equal(ya, yb)
        assert xa.shape == ya.shape == (len(xa), 1)
        assert float(xa.min()) >= -3 and float(xa.max()) <= 3
    assert not torch.equal(a.train.tensors[0], toy_data.regression_task(seed=8).train.tensors[0])
    # The noise is what it says: residuals around the truth have about the given spread.
    x, y = toy_data.regression_task(n_train=4000, noise=0.4, seed=1).train.tensors
    assert abs(float((y - toy_data.regression_task_truth(x)).std()) - 0.4) < 0.02
