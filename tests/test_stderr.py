"""A test cell does not lose its points to stderr noise (tools/grader/stderr.py)."""
import nbformat

from tools.grader.stderr import DemoteStderrInGradeCells


def test_stderr_of_a_graded_cell_becomes_stdout():
    graded = nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": {"grade": True, "grade_id": "t", "points": 1}})
    plain = nbformat.v4.new_code_cell("x = 1")
    for cell in (graded, plain):
        cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="UserWarning: x")]
        DemoteStderrInGradeCells().preprocess_cell(cell, {}, 0)
    assert graded.outputs[0].name == "stdout" and graded.outputs[0].text == "UserWarning: x"
    assert plain.outputs[0].name == "stderr"
