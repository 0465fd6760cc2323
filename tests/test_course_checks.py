import builtins

import pytest
import torch

from course import checks


def test_check_close_passes_and_fails_with_expected_and_received():
    checks.check_close("x", torch.tensor([1.0, 2.0]), [1.0, 2.0 + 1e-9])
    with pytest.raises(checks.CheckFailed, match=r"x: expected \[1, 2\], got \[1, 3\]"):
        checks.check_close("x", torch.tensor([1.0, 3.0]), [1.0, 2.0])


def test_check_close_names_the_likely_mistake():
    with pytest.raises(checks.CheckFailed, match="Likely mistake: sign"):
        checks.check_close("dL/dw", -2.0, 2.0, likely={"other": 5.0, "sign": -2.0})


def test_check_close_names_no_mistake_the_value_cannot_single_out():
    """Two mistakes that leave the same value: neither is named, the hint says what to check."""
    with pytest.raises(checks.CheckFailed) as failed:
        checks.check_close("stop", 5, 2, likely={"late": 5, "train loss": 5.0, "early": 1}, hint="Check the rule.")
    assert str(failed.value) == "stop: expected 2, got 5. Check the rule."
    with pytest.raises(checks.CheckFailed, match=r"got 1\. Likely mistake: early$"):
        checks.check_close("stop", 1, 2, likely={"late": 5, "train loss": 5.0, "early": 1}, hint="Check the rule.")


def test_check_close_reports_shape_mismatch():
    with pytest.raises(checks.CheckFailed, match="shape"):
        checks.check_close("a", torch.zeros(3, 1), torch.zeros(3))


def test_nan_is_never_close():
    assert not checks.is_close(float("nan"), float("nan"))
    with pytest.raises(checks.CheckFailed):
        checks.check_close("v", float("nan"), 1.0)


class EqualsEverything(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


def test_objects_that_pretend_to_be_numbers_are_rejected():
    with pytest.raises(checks.CheckFailed, match="expected a number"):
        checks.to_floats(EqualsEverything(1.0))
    with pytest.raises(checks.CheckFailed, match="expected a number"):
        checks.to_floats("1.0")
    with pytest.raises(checks.CheckFailed, match="bool"):
        checks.to_floats(True)


def test_checks_survive_replaced_builtins_and_torch(monkeypatch):
    monkeypatch.setattr(builtins, "abs", lambda v: 0.0)
    monkeypatch.setattr(torch, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(torch.Tensor, "tolist", lambda self: [1.0])
    with pytest.raises(checks.CheckFailed):
        checks.check_close("x", torch.tensor([5.0]), [1.0])


def test_check_requires_exactly_true():
    class Truthy:
        def __bool__(self):
            return True
    with pytest.raises(checks.CheckFailed):
        checks.check(Truthy(), "not a real True")
    checks.check(True, "fine")


def test_forbid_autograd_catches_every_route_even_early_imports():
    from torch.autograd import grad as early_grad
    x = torch.tensor(2.0, requires_grad=True)
    routes = [lambda: (x ** 2).backward(), lambda: early_grad(x ** 2, x),
              lambda: torch.func.grad(lambda t: t ** 2)(x),
              lambda: torch.autograd.functional.jacobian(lambda t: t ** 2, x)]
    for route in routes:
        with checks.forbid_autograd() as calls:
            with pytest.raises(checks.AutogradUsed):
                route()
        assert calls
    (x ** 2).backward()          # restored afterwards
    assert float(x.grad) == 4.0


def test_passed_prints_a_friendly_line(capsys):
    checks.passed("all good")
    assert "all good" in capsys.readouterr().out


def test_check_finite_points_at_the_first_bad_value():
    with pytest.raises(checks.CheckFailed, match=r"2 of 4 values are NaN or inf \(the first at index 2: nan\)"):
        checks.check_finite("s", torch.tensor([0.0, 1.0, float("nan"), float("inf")]))
