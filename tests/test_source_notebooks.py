"""Source notebooks: built from notebooks/*.py, nothing else in their folders. (That they run
clean is checked twice elsewhere: at student size by tests/test_claims.py, in grading mode by
the reference's autograde in tests/test_assignments.py.)"""
from conftest import ASSIGNMENTS, REPO
from tools import build_source


def test_source_is_built_from_authoring_files():
    assert build_source.main(["--check"]) == 0, "run `make source` and commit source/"
    authored = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.py"))
    assert authored == ASSIGNMENTS


def test_source_folders_hold_only_the_notebook():
    for aid in ASSIGNMENTS:
        files = sorted(p.name for p in (REPO / "source" / aid).iterdir())
        assert files == [f"{aid}.ipynb"], f"source/{aid} would ship {files} to students"
