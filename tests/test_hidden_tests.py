"""The hidden-test suites (tools/hidden_tests/): complete and consistent. Whether they are right
on the catalogue (the reference passes, each wrong case loses exactly its own exercise's cells,
every alternative keeps full marks) is asserted with real nbgrader by tests/test_assignments.py."""
import ast
import inspect

import pytest

from conftest import ASSIGNMENTS, REPO
from tools.catalogue import submissions
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
    """Probes run beside student code: they import no reference and no verdict helper."""
    tree = ast.parse(inspect.getsource(suite_for(aid).probes))
    modules = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    modules += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [m for m in modules if "hidden_tests" in m or "reference" in m], modules
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | \
            {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not names & {"check_close", "check", "fail", "CheckFailed"}
