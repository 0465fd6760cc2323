"""tools/grader/guard.py: where the guard's snapshot is taken and verified."""
import nbformat

from tools.grader.guard import GUARD_PREFIX, GuardTestCells, RestoreTestCells


def _cell(source, **nbgrader):
    cell = nbformat.v4.new_code_cell(source)
    if nbgrader:
        cell.metadata["nbgrader"] = {"grade": False, "solution": False, "locked": False, **nbgrader}
    return cell


def test_the_snapshot_is_taken_in_the_set_up_cell_not_in_a_students_cell_above_it():
    students = _cell("%load_ext autoreload")
    setup = _cell("from course import checks", locked=True, grade_id="setup")
    answer = _cell("def f(): pass", solution=True, grade_id="f")
    test = _cell("assert f() is None", grade=True, locked=True, grade_id="test_f", points=1)
    nb = nbformat.v4.new_notebook(cells=[students, setup, answer, test])
    nb, resources = GuardTestCells().preprocess(nb, {})
    assert students.source == "%load_ext autoreload"
    assert GUARD_PREFIX in setup.source.splitlines()[-1]
    assert test.source.startswith(GUARD_PREFIX) and ".verify()" in test.source.splitlines()[0]
    assert GUARD_PREFIX not in answer.source
    RestoreTestCells().preprocess(nb, resources)
    assert (setup.source, test.source) == ("from course import checks", "assert f() is None")
