"""Reading an answer's code for routes into torch.autograd (tools/hidden_tests/autograd_use.py)."""
import pytest

from tools.grader import student_code
from tools.hidden_tests import autograd_use

HONEST = '''def backward(params, x, y):
    out = forward(params, x)
    delta = 2.0 / x.shape[0] * (out["y_hat"] - y)
    a1 = torch.nn.functional.sigmoid(x)
    return {"b3": delta.sum(), "grad": helper(delta)}'''


def _code(answer, others=""):
    return {"answer": student_code.statements(answer), "definitions": student_code.definitions(others)}


def test_an_honest_backward_is_not_flagged():
    assert autograd_use.in_code(_code(HONEST, "def helper(d):\n    return d * 2\nimport torch.nn.functional as F"),
                                "backward") == ""


@pytest.mark.parametrize("answer, others", [
    ("def backward(p, x, y):\n    loss(p).backward()", ""),
    ("def backward(p, x, y):\n    return torch.autograd.grad(l, ps)", ""),
    ("from torch.autograd import grad as g\ndef backward(p, x, y):\n    return g(l, ps)", ""),
    ("def backward(p, x, y):\n    return getattr(l, 'back' + 'ward')()", ""),
    ("def backward(p, x, y):\n    return torch.func.grad(f)(p)", ""),
    ("def backward(p, x, y):\n    return helper(p)", "def helper(p):\n    return inner(p)\ndef inner(p):\n    p.backward()"),
    ("def backward(p, x, y):\n    return run(p)", "run = __import__"),
    ("def backward(p, x, y):\n    return m.call('autograd')", ""),
    ("def backward(p, x, y):\n    with torch.inference_mode(False):\n        pass", ""),
])
def test_routes_into_autograd_are_found(answer, others):
    assert autograd_use.in_code(_code(answer, others), "backward")
