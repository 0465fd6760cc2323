"""Small data sets generated in code, always from a seed.

Every generator draws from its own ``torch.Generator`` (or numpy ``RandomState``), so the
same seed gives the same data on every machine and the global random state of torch, numpy
and ``random`` is left exactly as it was: generating data never changes what a later
``torch.randn`` or ``nn.Linear`` initialisation produces.

- ``five_points``: the five noisy measurements of y = 3x + 2 used for gradient descent.
- ``line_data``: more points from the same line, for mini-batches.
- ``noisy_regression``: y = 2x + 3 sin(3x) + 1 plus noise, for under- and overfitting.
- ``circles``: two classes inside and outside a circle of radius pi, with labels swapped
  more often the nearer a point lies to the boundary.
- ``sin_cos``: y = sin(cos(x^2)) plus noise, for interpolation versus extrapolation.
- ``regression_task``: train, validation and test sets of y = x^2/3 + sin(2x) plus noise,
  few enough training points for a small ReLU network to overfit them within seconds.
- ``loader``: a ``DataLoader`` over in-memory tensors that fetches each batch with one
  indexing operation (fast enough for thousands of tiny epochs).
"""
import math

import numpy as np
import torch
from torch.utils.data import TensorDataset

from course.loaders import batch_loader


def _generator(seed):
    return torch.Generator().manual_seed(int(seed))


def five_points(dtype=torch.float32, seed=41):
    """x = 1..5 and y = 3x + 2 + N(0, 1) noise, rounded to two decimals.

    With the default seed this is x = [1, 2, 3, 4, 5], y = [4.73, 8.10, 11.25, 13.07, 17.57].
    Returns two 1-D tensors of ``dtype``.
    """
    x = np.arange(1.0, 6.0)
    noise = np.random.RandomState(seed).randn(5)
    y = np.round(3.0 * x + 2.0 + noise, 2)
    return torch.tensor(x, dtype=dtype), torch.tensor(y, dtype=dtype)


def line_data(n=256, seed=0, w=3.0, b=2.0, noise=1.0, low=0.0, high=6.0, dtype=torch.float32):
    """n points with x uniform in [low, high) and y = w*x + b + N(0, noise^2); shapes (n, 1)."""
    g = _generator(seed)
    x = low + (high - low) * torch.rand(n, 1, generator=g, dtype=torch.float64)
    y = w * x + b + noise * torch.randn(n, 1, generator=g, dtype=torch.float64)
    return x.to(dtype), y.to(dtype)


def regression_truth(x):
    """The noiseless function behind ``noisy_regression``: 2x + 3 sin(3x) + 1."""
    return 2 * x + 3.0 * torch.sin(3 * x) + 1


def noisy_regression(n=100, seed=42, noise=2.0, dtype=torch.float32):
    """x ~ 1.5 N(0, 1) and y = 2x + 3 sin(3x) + 1 + noise * N(0, 1); shapes (n, 1).

    With n=100 and the default seed these are the lecture's points (drawn there after
    ``torch.manual_seed(42)``).
    """
    g = _generator(seed)
    x = 1.5 * torch.randn(n, 1, generator=g)
    y = regression_truth(x) + noise * torch.randn(n, 1, generator=g)
    return x.to(dtype), y.to(dtype)


def circle_swap_probability(distance, radius=math.pi, width=0.7, swap=0.3):
    """Probability that a point at ``distance`` from the origin has its label swapped:
    ``swap`` on the circle itself, falling off like a Cauchy bump of half-width ``width``."""
    return swap * width ** 2 / ((distance - radius) ** 2 + width ** 2)


def circles(n=200, seed=42, radius=math.pi, width=0.7, swap=0.3, spread=2.5, dtype=torch.float32):
    """Points x ~ spread * N(0, I) in the plane, label 1 inside the circle of ``radius``, 0 outside,
    with labels swapped at random near the boundary (``circle_swap_probability``).

    Returns x of shape (n, 2) and y of shape (n, 1) holding 0.0 / 1.0 (ready for
    ``nn.BCEWithLogitsLoss``).
    """
    g = _generator(seed)
    x = spread * torch.randn(n, 2, generator=g)
    distance = torch.sqrt(x[:, 0] ** 2 + x[:, 1] ** 2)
    inside = distance < radius
    swapped = torch.bernoulli(circle_swap_probability(distance, radius, width, swap), generator=g).bool()
    label = inside ^ swapped
    return x.to(dtype), label.to(dtype).unsqueeze(1)


def sin_cos_truth(x):
    """sin(cos(x^2))."""
    return torch.sin(torch.cos(x ** 2))


def sin_cos(n=1000, low=-3.0, high=3.0, noise=0.1, seed=0, random_x=False, dtype=torch.float32):
    """y = sin(cos(x^2)) + noise * N(0, 1) on [low, high]; shapes (n, 1).

    x is an evenly spaced grid (sorted!) unless ``random_x``, then uniform in [low, high).
    """
    g = _generator(seed)
    if random_x:
        x = low + (high - low) * torch.rand(n, 1, generator=g)
    else:
        x = torch.linspace(low, high, n).unsqueeze(1)
    y = sin_cos_truth(x) + noise * torch.randn(n, 1, generator=g)
    return x.to(dtype), y.to(dtype)


def regression_task_truth(x):
    """The smooth function behind ``regression_task``: x^2/3 + sin(2x)."""
    return x ** 2 / 3 + torch.sin(2 * x)


class RegressionTask:
    """Train, validation and test sets of ``regression_task`` (``TensorDataset`` s of (n, 1) tensors)."""

    def __init__(self, train, val, test, noise, low, high):
        self.train, self.val, self.test = train, val, test
        self.noise, self.low, self.high = noise, low, high

    def __repr__(self):
        return (f"RegressionTask(train={len(self.train)}, val={len(self.val)}, test={len(self.test)}, "
                f"noise={self.noise})")


def regression_task(n_train=15, n_val=100, n_test=100, noise=0.4, seed=0, low=-3.0, high=3.0):
    """y = x^2/3 + sin(2x) + noise * N(0, 1), x uniform in [low, high].

    Fifteen training points are few enough for a 1-100-100-1 ReLU network to memorise them,
    so its validation loss turns upwards after a few dozen full-batch Adam steps: the data
    of the regularization assignments, 05 and 07. The split is deterministic for a seed and the
    global RNG is left untouched.
    """
    gen = _generator(seed)

    def draw(n):
        x = torch.rand(n, 1, generator=gen) * (high - low) + low
        y = regression_task_truth(x) + noise * torch.randn(n, 1, generator=gen)
        return TensorDataset(x, y)

    return RegressionTask(draw(n_train), draw(n_val), draw(n_test), noise, low, high)


def loader(x, y, batch_size=None, shuffle=False, seed=0):
    """A ``DataLoader`` over the tensors ``x``, ``y`` that yields (xb, yb) batches.

    ``course.loaders.batch_loader`` over ``TensorDataset(x, y)``: one indexing operation per
    batch, which matters when an epoch is a few microseconds of arithmetic, and shuffling
    from its own generator seeded with ``seed``. ``batch_size=None`` means one batch holding
    everything.
    """
    return batch_loader(TensorDataset(x, y), batch_size, shuffle, seed)
