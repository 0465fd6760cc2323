"""Checks that explain themselves, for the visible and the hidden tests.

Every failure raises ``CheckFailed`` with what was expected, what was received and, when
it can be told, the likely mistake. Nothing here trusts code that a submission could have
replaced after this module was imported: the functions it relies on (``float``, ``abs``,
``isinstance``, ``Tensor.tolist`` ...) are captured at import time, which the notebooks do
in their first cell, and values are compared as plain Python floats with plain arithmetic,
never with ``torch.allclose``, numpy or ``math``.
"""
import builtins
import contextlib

import torch

# Captured before any student code runs (see the module docstring).
_float, _int, _len, _type, _isinstance = builtins.float, builtins.int, builtins.len, builtins.type, builtins.isinstance
_tuple, _list, _str, _repr, _zip, _print = builtins.tuple, builtins.list, builtins.str, builtins.repr, builtins.zip, builtins.print
_Tensor = torch.Tensor
_detach, _cpu, _tolist, _reshape = _Tensor.detach, _Tensor.cpu, _Tensor.tolist, _Tensor.reshape
_size = _Tensor.size
# Tensors are read with __torch_function__ switched off, so a Tensor subclass cannot change
# what its values read as.
_plain_reading = torch._C.DisableTorchFunctionSubclass


class CheckFailed(AssertionError):
    """A check failed; the message says what and, where it can, why."""


def fail(message):
    raise CheckFailed(message)


def check(condition, message):
    """Fail with ``message`` unless ``condition`` is exactly ``True`` (not merely truthy)."""
    if condition is not True:
        fail(message)


def passed(message):
    """The friendly line a visible test prints when it passes."""
    _print("\u2714 " + message)


def graded_later(what):
    """The line a test cell prints when only the hidden tests can check it: what they check."""
    _print("\u2026 Checked when your work is graded: " + what)


def to_floats(value, name="value"):
    """Flatten a tensor, number, or (nested) list/tuple of them into a list of Python floats.

    Anything else (including objects that pretend to be numbers) is rejected with a message.
    """
    kind = _type(value)
    if _isinstance(value, _Tensor):
        with _plain_reading():
            flat = _tolist(_reshape(_cpu(_detach(value)), (-1,)))
        return [_float(v) for v in flat]
    if kind is bool:
        fail(f"{name}: expected a number or a tensor, got a bool ({value}).")
    if kind is _float or kind is _int:
        return [_float(value)]
    if kind is _list or kind is _tuple:
        out = []
        for item in value:
            out += to_floats(item, name)
        return out
    fail(f"{name}: expected a number or a tensor, got {kind.__name__}.")


def shape_of(value):
    """The shape of a tensor as a tuple, () for a plain number, None for anything else."""
    if _isinstance(value, _Tensor):
        return _tuple(_size(value))
    if _type(value) in (_float, _int):
        return ()
    return None


def is_close(a, b, rtol=1e-5, atol=1e-8):
    """|a - b| <= atol + rtol * |b| on plain floats; NaN is never close to anything."""
    if a != a or b != b:
        return False
    if a in (_float("inf"), _float("-inf")) or b in (_float("inf"), _float("-inf")):
        return a == b
    diff = a - b if a >= b else b - a
    scale = b if b >= 0 else -b
    return diff <= atol + rtol * scale


def all_close(actual, expected, rtol=1e-5, atol=1e-8):
    """True when two equally long lists of floats are elementwise close."""
    if _len(actual) != _len(expected):
        return False
    for a, b in _zip(actual, expected):
        if not is_close(a, b, rtol, atol):
            return False
    return True


def fmt(values, limit=6):
    """Short human-readable rendering of a list of floats."""
    shown = ", ".join(f"{v:.6g}" for v in values[:limit])
    if _len(values) > limit:
        shown += f", ... ({_len(values)} values)"
    return shown if _len(values) == 1 else f"[{shown}]"


def check_close(name, actual, expected, rtol=1e-5, atol=1e-8, likely=None, check_shape=True, hint=None):
    """Fail unless ``actual`` matches ``expected`` elementwise.

    ``likely`` maps a description of a common mistake to the value that mistake produces; the
    message names the mistake only when ``actual`` is the value of that one alone (where two
    mistakes leave the same value, the value cannot tell them apart). Otherwise ``hint``, what
    to check, ends the message.
    """
    got = to_floats(actual, name)
    want = to_floats(expected, name)
    if check_shape and shape_of(expected) not in (None, ()):
        if shape_of(actual) != shape_of(expected):
            fail(f"{name}: expected shape {shape_of(expected)}, got {shape_of(actual)}.")
    if _len(got) != _len(want):
        fail(f"{name}: expected {_len(want)} value(s), got {_len(got)}.")
    if all_close(got, want, rtol, atol):
        return
    message = f"{name}: expected {fmt(want)}, got {fmt(got)}."
    named = [description for description, wrong in (likely or {}).items()
             if all_close(got, to_floats(wrong, name), rtol, atol)]
    if _len(named) == 1:
        message += f" Likely mistake: {named[0]}"
    elif hint:
        message += f" {hint}"
    fail(message)


def check_finite(name, actual):
    values = to_floats(actual, name)
    bad = [i for i, v in enumerate(values) if v != v or v in (_float("inf"), _float("-inf"))]
    if bad:
        fail(f"{name}: {_len(bad)} of {_len(values)} values are NaN or inf "
             f"(the first at index {bad[0]}: {values[bad[0]]}).")


# --- Spies -----------------------------------------------------------------------------

# Every route into reverse-mode autograd (``Tensor.backward``, ``torch.autograd.grad`` even when
# imported early, ``torch.autograd.functional``, ``torch.func.grad``) ends in this engine call.
from torch.autograd.variable import Variable as _Variable  # noqa: E402

_ENGINE = _Variable._execution_engine


class AutogradUsed(RuntimeError):
    pass


class _TrappedEngine:
    def __init__(self, calls):
        self.calls = calls

    def run_backward(self, *args, **kwargs):
        self.calls.append("torch.autograd")
        raise AutogradUsed("torch.autograd was used (a backward pass through the autograd engine)")

    def __getattr__(self, name):
        return getattr(_ENGINE, name)


@contextlib.contextmanager
def forbid_autograd():
    """Inside this block any backward pass through ``torch.autograd`` raises ``AutogradUsed``.

    Yields the list of recorded uses, so a caller can report them even when the student's
    code swallowed the exception.
    """
    calls = []
    _Variable._execution_engine = _TrappedEngine(calls)
    try:
        yield calls
    finally:
        _Variable._execution_engine = _ENGINE
