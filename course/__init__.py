"""Helpers the course notebooks import.

Small on purpose: read any module in one sitting.

- ``course.device``   : pick cuda, mps or cpu.
- ``course.data``     : CIFAR-10 (real, or a synthetic set in the exact format when offline),
                        in-memory tensor subsets, offline MNIST digits.
- ``course.plotting`` : loss curves, regression fits, image grids, the sigmoid figure.
- ``course.checks``   : self-checks with messages that explain what went wrong, and the
                        probes the tests use to watch a training loop.
"""
from course.device import pick_device

__all__ = ["pick_device"]
