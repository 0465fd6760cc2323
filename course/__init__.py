"""Helpers the course notebooks import.

Small on purpose: read any module in one sitting.

- ``course.device``   : pick cuda, mps or cpu.
- ``course.data``     : CIFAR-10 (real, or a synthetic set in the exact format when offline),
                        in-memory tensor subsets, offline MNIST digits.
- ``course.plotting`` : image grids, the sigmoid figure, the autograd graph, and ``axes_or_new``.
- ``course.toy_data``, ``course.boundaries`` : the small regression and classification sets,
                        decision-boundary figures.
- ``course.explorers``, ``course.live`` : slider explorers, progress bars and live curves.
- ``course.cifar_experiments``, ``course.regularization`` : the experiments of 03-07.
- ``course.checks``   : self-checks with messages that explain what went wrong.
- ``course.probes``   : scripted loaders and spies that watch a training loop.
- ``course.paths``    : where data lives.
"""

__all__ = ["pick_device"]


def __getattr__(name):
    # ``course.pick_device`` without importing torch with the package: the grading sandbox
    # imports ``course.paths`` on every kernel start, and torch takes seconds to load.
    if name == "pick_device":
        from course.device import pick_device
        return pick_device
    raise AttributeError(f"module 'course' has no attribute {name!r}")
