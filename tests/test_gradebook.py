"""The gradebook as the instructor reads it: the grade table ``make demo`` prints, failure
messages (tools/common/gradebook.py)."""
import nbformat

from tools.common.gradebook import failure_messages, format_table


def test_the_grade_table_marks_submissions_that_could_not_be_graded():
    entry = {"score": 3, "max_score": 5, "needs_manual_grade": False}
    table = format_table({("a", "01"): entry}, students=["a", "b"], assignments=["01"], failed={("b", "01")})
    rows = {line.split()[0]: line.split()[1] for line in table.splitlines()[2:4]}
    assert rows == {"a": "3/5", "b": "FAILED"}


def test_failure_messages_are_one_plain_line_per_failed_test_cell():
    failed = nbformat.v4.new_code_cell("check()", metadata={"nbgrader": {"grade": True, "grade_id": "test_f", "points": 1}})
    failed.outputs = [nbformat.v4.new_output("error", ename="CheckFailed", evalue="\x1b[31mexpected 1\x1b[0m",
                                             traceback=["...", "CheckFailed: expected 1"])]
    passed = nbformat.v4.new_code_cell("check()", metadata={"nbgrader": {"grade": True, "grade_id": "test_g", "points": 1}})
    answer = nbformat.v4.new_code_cell("1/0", metadata={"nbgrader": {"grade_id": "f", "solution": True}})
    answer.outputs = [nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="", traceback=[])]
    nb = nbformat.v4.new_notebook(cells=[failed, passed, answer])
    assert failure_messages(nb) == {"test_f": "CheckFailed: expected 1"}
