"""The static tamper scan: what it flags, and that honest answers pass."""
import pytest

from tools.catalogue import submissions
from tools.common.paths import assignments
from tools.grader import tamper_scan
from conftest import REPO


@pytest.mark.parametrize("code, what", [
    ("import torch\ntorch.allclose = lambda *a: True", "replaces torch.allclose"),
    ("import torch\ntorch.Tensor.__eq__ = f", "replaces torch.Tensor.__eq__"),
    ("checks.check_close = None", "replaces checks.check_close"),
    ("import builtins", "imports builtins"),
    ("exec('x = 1')", "calls exec()"),
    ("get_ipython().set_custom_exc((Exception,), h)", "calls get_ipython()"),
    ("setattr(torch, 'allclose', f)", "calls setattr()"),
    ("import sys\nsys.modules['course.checks'] = m", "replaces sys.modules"),
    ("f.__code__ = g.__code__", "uses .__code__"),
    ("import ctypes", "imports ctypes"),
    # what the scan used to miss
    ("import torch as T\nT.allclose = f", "replaces T.allclose"),
    ("from course import checks as _c\n_c.all_close = f", "replaces _c.all_close"),
    ("_run = exec\n_run('x = 1')", "gives exec another name"),
    ("locals()['sigmoid'] = f", "calls locals()"),
    ("import sys\nframe = sys._getframe(1)", "uses ._getframe"),
    ("import IPython\nIPython.get_ipython().events", "uses .get_ipython"),
    ("%%capture\nimport torch\ntorch.allclose = f", "replaces torch.allclose"),
    ("checks = Anything()", "rebinds the name checks"),
])
def test_flags_tampering(code, what):
    findings = tamper_scan.scan_source(code, "answer")
    assert any(what in str(f) for f in findings), findings


@pytest.mark.parametrize("code", [
    "x[torch.rand_like(x) < p] = 0",
    "model.weight.grad = None\np.data -= lr * p.grad",
    "%matplotlib inline\nimport numpy as np\nnp.random.seed(0)",
    "def torch_free(x):\n    return x * 2",
    "torch.backends.cudnn.deterministic = True",
    "this is not python (",
    "%%time\ndef sigmoid(z):\n    return 1 / (1 + torch.exp(-z))",
    "%%bash\necho torch.allclose = f",
    "import torch.nn.functional as F\nout = F.relu(x)",
])
def test_honest_code_is_not_flagged(code):
    assert tamper_scan.scan_source(code) == []


@pytest.mark.parametrize("aid", assignments(REPO / "source"))
def test_no_reference_and_no_catalogue_case_is_flagged(aid):
    release = submissions.read(REPO / "release" / aid / f"{aid}.ipynb")
    source = submissions.read(REPO / "source" / aid / f"{aid}.ipynb")
    reference = submissions.reference_submission(release, source)
    instructor = [c.source for c in source.cells if c.cell_type == "code"]
    assert tamper_scan.scan_notebook(reference, instructor) == []
    for case in submissions.load_cases(aid):
        assert tamper_scan.scan_source(case.code, case.exercise) == [], case.name


def test_instructor_cells_are_not_scanned():
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import inspect")])
    assert tamper_scan.scan_notebook(nb, ["import inspect"]) == []
    assert tamper_scan.scan_notebook(nb, []) != []
