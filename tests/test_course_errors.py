"""course/errors.py: errors in the notebook are short and about the student's own code (a real kernel)."""
import re

import nbclient
import nbformat

CELLS = {
    "check": "from course.checks import check_close\ncheck_close('sigmoid(0)', 0.0, 0.5)",
    "stub": "def sigmoid(z):\n    # YOUR CODE HERE\n    raise NotImplementedError()\nsigmoid(1)",
    "method": "class LinearClassifier:\n    def forward(self, x):\n        raise NotImplementedError()\nLinearClassifier().forward(1)",
    "torch": "lin = torch.nn.Linear(3, 2)\ndef f(x):\n    return lin(x)\nf(torch.zeros(4, 5))",
}


def _errors():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import torch\nfrom course.notebook import setup\nsetup()")]
    nb.cells += [nbformat.v4.new_code_cell(code) for code in CELLS.values()]
    nbclient.NotebookClient(nb, allow_errors=True, timeout=120).execute()
    shown = {}
    for name, cell in zip(CELLS, nb.cells[1:]):
        (error,) = [o for o in cell.outputs if o.output_type == "error"]
        shown[name] = (error.ename, re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.traceback)))
    return shown


def test_errors_show_the_message_and_the_students_own_lines_only():
    shown = _errors()
    assert shown["check"] == ("CheckFailed", "CheckFailed: sigmoid(0): expected 0.5, got 0.")
    assert shown["stub"][0] == "NotImplementedError"
    assert shown["stub"][1].startswith("NotImplementedError: `sigmoid` is still to do")
    assert "`LinearClassifier.forward` is still to do" in shown["method"][1]
    ename, text = shown["torch"]
    assert ename == "RuntimeError" and "mat1 and mat2 shapes cannot be multiplied" in text
    assert "return lin(x)" in text                       # the student's line
    assert "torch/nn/modules" not in text and "site-packages" not in text
