"""The hidden-test suites (tools/hidden_tests/): complete, consistent, and right on the catalogue.

Fast: no nbgrader and no kernel (``tools.catalogue.quick``); the tests that read values from
the notebook's own run are covered with real nbgrader by tests/test_assignments.py."""
import ast
import inspect

import pytest

from conftest import ASSIGNMENTS, REPO
from tools.catalogue import quick, submissions
from tools.hidden_tests import suite_for

CONVERTED = [aid for aid in ASSIGNMENTS if suite_for(aid) is not None]


@pytest.mark.parametrize("aid", CONVERTED)
def test_a_suite_has_one_test_per_test_cell_and_knows_its_exercises(aid):
    suite = suite_for(aid)
    source = submissions.read(REPO / "source" / aid / f"{aid}.ipynb")
    answers = {c.metadata["nbgrader"]["grade_id"] for c in source.cells
               if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")}
    assert set(suite.exercises) <= answers
    for test in suite.tests.values():
        assert test.cell in submissions.test_cells_of(source, test.exercise), \
            f"{test.cell} is not a test cell of {test.exercise}"


@pytest.mark.parametrize("aid", CONVERTED)
def test_an_exercise_is_never_shipped_its_own_reference(aid):
    suite = suite_for(aid)
    for exercise, pieces in suite.exercises.items():
        assert exercise not in pieces
        shipped = ast.parse(suite.shipped(pieces))
        defined = {n.name for n in shipped.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        assert defined == set(pieces), f"{exercise}: shipped {defined}, not {pieces}"


@pytest.mark.parametrize("aid", CONVERTED)
def test_probes_decide_nothing(aid):
    """Probes run beside student code: they must not import the references or the checks' verdicts."""
    source = inspect.getsource(suite_for(aid).probes)
    assert "reference" not in source and "hidden_tests" not in source and "check_close" not in source


@pytest.mark.parametrize("aid", CONVERTED)
def test_the_reference_passes_and_each_wrong_case_loses_exactly_its_own_cells(aid):
    suite = suite_for(aid)
    code_tests = {t.cell for t in suite.tests.values() if t.calls_code}
    reference = quick.reference_notebook(aid)
    cases = submissions.load_cases(aid)
    notebooks = {"reference": reference, **{c.name: submissions.apply_case(reference, c) for c in cases}}
    lost = quick.lost_cells(aid, notebooks)
    assert lost["reference"] == {}
    for case in cases:
        expected = set(case.fails) & code_tests if case.kind == "wrong" else set()
        assert set(lost[case.name]) == expected, f"{case.name} ({case.why}): {lost[case.name]}"
