"""``tools.grader.student_code``: the cells the grading worker runs, statement by statement."""
from tools.grader import student_code


def test_a_decorated_function_keeps_its_decorators():
    source = "import torch\n\n@torch.no_grad()\n@staticmethod\ndef validate(x):\n    return x\n\nvalue = 1\n"
    decorated = "@torch.no_grad()\n@staticmethod\ndef validate(x):\n    return x"
    assert student_code.statements(source) == ["import torch", decorated, "value = 1"]
    assert student_code.definitions(source) == ["import torch", decorated, "value = 1"]
