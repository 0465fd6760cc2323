"""Comparisons of what the worker sent back with the expected values, in the trusted process.

A likely mistake is named only when the evidence singles it out: two mistakes that would
leave the same value are both left unnamed (``check_close``), and a state is put down to a
mistake only when the whole state, not one entry of it, is what that mistake leaves.
"""
import torch

from course import checks
from course.checks import CheckFailed, check, check_close, fail
from tools.hidden_tests.harness import Missing


def probe(student, name, *args):
    """``student.probe``, with a probe's report that the student's name is missing raised as such."""
    report = student.probe(name, *args)
    if isinstance(report, dict) and "missing" in report:
        raise Missing(report["missing"])
    return report


def compare(name, actual, expected, likely=dict, **tolerance):
    """``check_close``; ``likely()`` (called only when the values differ) maps each mistake that
    the other evidence allows to the value it would leave."""
    try:
        check_close(name, actual, expected, **tolerance)
    except CheckFailed:
        check_close(name, actual, expected, likely=likely(), **tolerance)


def check_state(name, got, expected, likely=dict, rtol=0.0, atol=1e-12):
    """Every entry of the state dict ``expected`` in ``got``. ``likely()`` (called only when an
    entry differs) maps each mistake to the whole state it would leave."""
    check(isinstance(got, dict), f"{name} must be a dict like model.state_dict(), got {kind(got)}.")
    for key in expected:
        if key not in got:
            fail(f"{name} has no entry '{key}': it must hold the whole model.state_dict(), buffers such as "
                 f"BatchNorm's running_mean included.")
    for key, want in expected.items():
        compare(f"{name}['{key}']", got[key], want, lambda: {
            mistake: state[key] for mistake, state in likely().items() if same_state(got, state, rtol, atol)},
            rtol=rtol, atol=atol, check_shape=False)


def same_state(got, want, rtol, atol):
    """Whether ``got`` holds every entry of the state ``want``, to the tolerance."""
    return isinstance(got, dict) and all(key in got and same_values(got[key], value, rtol, atol)
                                         for key, value in want.items())


def same_values(got, want, rtol, atol):
    """Whether ``got`` reads as the numbers ``want``, to the tolerance."""
    try:
        return checks.all_close(checks.to_floats(got), checks.to_floats(want), rtol, atol)
    except CheckFailed:
        return False


def kind(value):
    return type(value).__name__ if not isinstance(value, torch.Tensor) else f"a tensor of shape {tuple(value.shape)}"
