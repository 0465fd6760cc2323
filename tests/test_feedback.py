"""Feedback shows no hidden-test source, not even in a traceback (tools/grader/feedback.py)."""
import nbformat

from tools.grader.feedback import HideHiddenTests


def test_hidden_tests_and_tracebacks_are_removed():
    cell = nbformat.v4.new_code_cell("assert True\n### BEGIN HIDDEN TESTS\nsecret()\n### END HIDDEN TESTS")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "t", "points": 1}
    cell.outputs = [nbformat.v4.new_output("error", ename="CheckFailed", evalue="\x1b[31mexpected 1, got 2\x1b[0m",
                                           traceback=["Cell In[3], line 3", "----> 3 secret()", "CheckFailed: expected 1"])]
    HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert "secret" not in cell.source
    assert cell.outputs[0].traceback == ["CheckFailed: expected 1, got 2"]
