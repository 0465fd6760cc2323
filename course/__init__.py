"""Helpers the course notebooks import.

Small on purpose: read any module in one sitting.

- ``course.device``   : pick cuda, mps or cpu.
- ``course.data``     : CIFAR-10 (real, or a synthetic set in the exact format when offline),
                        in-memory tensor subsets, offline MNIST digits.
- ``course.plotting`` : loss curves, regression fits, image grids, the sigmoid figure.
- ``course.toy_data``, ``course.boundaries`` : the small regression and classification sets,
                        decision-boundary figures.
- ``course.explorers``, ``course.live`` : slider explorers, progress bars and live curves.
- ``course.cifar_experiments``, ``course.regularization`` : the experiments of 03-07.
- ``course.checks``   : self-checks with messages that explain what went wrong.
- ``course.probes``   : scripted loaders and spies that watch a training loop.
- ``course.integrity``: the guard that notices a submission replacing what the tests use.
"""
from course.device import pick_device

__all__ = ["pick_device"]
