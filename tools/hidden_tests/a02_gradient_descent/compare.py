"""How the tests read what came back from the worker."""
import torch

from course.checks import check_close, to_floats


def unchanged(after, before):
    """The same numbers, and a tensor still a tensor of its shape: nothing was changed in place."""
    if isinstance(before, torch.Tensor):
        return isinstance(after, torch.Tensor) and after.shape == before.shape and to_floats(after) == to_floats(before)
    return after == before


def close(actual, expected, rtol, atol):
    """``check_close`` as a yes or no."""
    try:
        check_close("", actual, expected, rtol=rtol, atol=atol)
        return True
    except AssertionError:
        return False


def kind(value):
    """What a value is, for a message."""
    return type(value).__name__ if not isinstance(value, torch.Tensor) else f"a tensor of shape {tuple(value.shape)}"
