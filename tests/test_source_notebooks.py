"""Source notebooks: built from notebooks/*.py, and they run clean with every test passing."""
import nbformat
import pytest

from conftest import ASSIGNMENTS, REPO
from tools import build_source
from tools.measure import notebook_run


def test_source_is_built_from_authoring_files():
    assert build_source.main(["--check"]) == 0, "run `make source` and commit source/"
    authored = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.py"))
    assert authored == ASSIGNMENTS


def test_source_folders_hold_only_the_notebook():
    for aid in ASSIGNMENTS:
        files = sorted(p.name for p in (REPO / "source" / aid).iterdir())
        assert files == [f"{aid}.ipynb"], f"source/{aid} would ship {files} to students"


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_source_notebook_executes_with_all_tests_passing(aid, synthetic_data):
    nb = nbformat.read(REPO / "source" / aid / f"{aid}.ipynb", as_version=4)
    executed, _ = notebook_run.execute(nb, REPO / "source" / aid, grading=True, timeout=120)
    assert notebook_run.problems(executed) == []
    assert "Grading mode" in notebook_run.printed(executed)
