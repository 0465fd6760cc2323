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


def test_each_graded_cell_reads_its_grade_once():
    """One gradebook query per cell gives the score, the points and whether it awaits a grader."""
    from types import SimpleNamespace

    from tools.grader.feedback import GetGradesAndPending

    queries = []

    class Gradebook:
        def find_grade(self, *key):
            queries.append(key)
            return SimpleNamespace(score=0.0, max_score=3.0, needs_manual_grade=True)

    cell = nbformat.v4.new_markdown_cell("my answer")
    cell.metadata["nbgrader"] = {"grade": True, "solution": True, "grade_id": "q1", "points": 3}
    step = GetGradesAndPending()
    step.gradebook, step.notebook_id, step.assignment_id, step.student_id = Gradebook(), "nb", "a", "s"
    step._get_score(cell, {})
    assert queries == [("q1", "nb", "a", "s")]
    assert (cell.metadata.nbgrader["score"], cell.metadata.nbgrader["points"]) == (0.0, 3.0)
    assert cell.metadata["course_pending"] is True
