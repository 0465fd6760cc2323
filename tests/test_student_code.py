"""A submission's cells as text for the grading worker (tools/grader/student_code.py)."""
from tools.grader import student_code


def test_statements_split_a_cell_and_turn_magics_into_python():
    chunks = student_code.statements("%load_ext autoreload\nimport torch\n\ndef f(x):\n    return x + 1\nprint(f(1))")
    assert chunks[0].startswith("get_ipython().run_line_magic('load_ext', 'autoreload')")
    assert chunks[1:] == ["import torch", "def f(x):\n    return x + 1", "print(f(1))"]


def test_a_cell_magic_stays_one_statement():
    chunks = student_code.statements("%%time\ndef f(x):\n    return x\n")
    assert len(chunks) == 1 and "run_cell_magic('time'" in chunks[0]


def test_a_cell_that_does_not_parse_is_one_chunk_for_the_worker_to_report():
    assert student_code.statements("def f(:\n  pass") == ["def f(:\n  pass\n"]
    assert student_code.definitions("def f(:\n  pass") == []


def test_definitions_keep_what_defines_without_doing_work():
    cell = ("import torch as t\nfrom math import pi\nEPS = 1e-8\nNAMES = ['a', 'b']\nACT = t.nn.Tanh\n"
            "data = t.randn(3)\nmodel = make()\ntrain(model)\n@decorate\ndef helper(x):\n    return x\n"
            "class Net:\n    pass\n%matplotlib inline\nx = [f(i) for i in range(3)]")
    kept = student_code.definitions(cell)
    assert kept == ["import torch as t", "from math import pi", "EPS = 1e-8", "NAMES = ['a', 'b']", "ACT = t.nn.Tanh",
                    "@decorate\ndef helper(x):\n    return x", "class Net:\n    pass"]


def test_a_decorated_function_keeps_its_decorators():
    source = "import torch\n\n@torch.no_grad()\n@staticmethod\ndef validate(x):\n    return x\n\nvalue = 1\n"
    decorated = "@torch.no_grad()\n@staticmethod\ndef validate(x):\n    return x"
    assert student_code.statements(source) == ["import torch", decorated, "value = 1"]
    assert student_code.definitions(source) == ["import torch", decorated, "value = 1"]
