"""The guard: it notices replaced functions and hooks, and nothing else."""
import builtins
import math

import pytest
import torch

from course import checks
from course.integrity import Guard, TamperDetected


def test_an_untouched_environment_verifies():
    Guard(globals()).verify()


@pytest.mark.parametrize("owner, name", [(torch, "allclose"), (math, "isclose"), (builtins, "abs"),
                                         (checks, "check_close"), (torch.Tensor, "tolist")])
def test_a_replaced_function_is_named(owner, name):
    guard = Guard()
    own = name in vars(owner)
    original = vars(owner).get(name)
    try:
        setattr(owner, name, lambda *a, **k: True)
        with pytest.raises(TamperDetected, match=name):
            guard.verify()
    finally:
        setattr(owner, name, original) if own else delattr(owner, name)
    guard.verify()


def test_an_added_tensor_method_is_noticed():
    guard = Guard()
    torch.Tensor.__eq__ = lambda a, b: True
    try:
        assert "torch.Tensor.__eq__ (added)" in guard.changes()
    finally:
        del torch.Tensor.__eq__


def test_a_rebound_module_name_is_noticed():
    namespace = {"checks": checks, "x": 1}
    guard = Guard(namespace)
    namespace["x"] = 2                   # data may change
    assert guard.changes() == []
    namespace["checks"] = object()       # the module the tests call may not
    assert guard.changes() == ["the notebook's name 'checks'"]


def test_reading_a_tensor_subclass_ignores_torch_function():
    class Liar(torch.Tensor):
        @classmethod
        def __torch_function__(cls, func, types, args=(), kwargs=None):
            if getattr(func, "__name__", "") == "tolist":
                return [42.0]
            return super().__torch_function__(func, types, args, kwargs or {})

    liar = torch.tensor([1.0, 2.0]).as_subclass(Liar)
    assert liar.tolist() == [42.0]
    assert checks.to_floats(liar) == [1.0, 2.0]


def test_torch_wrapping_optimizer_step_on_first_use_is_not_tampering():
    guard = Guard()
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)    # torch hooks SGD.step here
    model(torch.ones(1, 2)).sum().backward()
    optimizer.step()
    assert guard.changes() == []
