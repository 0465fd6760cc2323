"""Source notebooks: built from notebooks/*.py, and they run clean with every test passing."""
import os

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ASSIGNMENTS, REPO
from tools import build_source
from tools.nbgrader_cli import course_env


def test_source_is_built_from_authoring_files():
    assert build_source.main(["--check"]) == 0, "run `make source` and commit source/"
    authored = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.py"))
    assert authored == ASSIGNMENTS


def test_source_folders_hold_only_the_notebook():
    for aid in ASSIGNMENTS:
        files = sorted(p.name for p in (REPO / "source" / aid).iterdir())
        assert files == [f"{aid}.ipynb"], f"source/{aid} would ship {files} to students"


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_source_notebook_executes_with_all_tests_passing(aid, synthetic_data, monkeypatch):
    for key, value in course_env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    nb = nbformat.read(REPO / "source" / aid / f"{aid}.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(REPO / "source" / aid)}}).execute()
    problems = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        graded = cell.metadata.get("nbgrader", {}).get("grade", False)
        for out in cell.outputs:
            if out.output_type == "error":
                problems.append(f"{cell.metadata.get('nbgrader', {}).get('grade_id', cell.id)}: "
                                f"{out.ename}: {out.evalue}")
            elif graded and out.output_type == "stream" and out.name == "stderr":
                problems.append(f"{cell.metadata['nbgrader']['grade_id']} wrote to stderr: {out.text[:200]}")
    assert problems == []
