"""Authoring files (notebooks/<id>.py) become source notebooks with nbgrader's metadata (tools/build_source.py)."""
import pytest

from conftest import AUTHORING
from tools import build_source


def test_build_source_sets_nbgrader_metadata():
    cells = build_source.parse(AUTHORING)
    kinds = [(c.cell_type, c.metadata.get("nbgrader", {}).get("grade_id")) for c in cells]
    assert kinds == [("markdown", None), ("code", "setup"), ("code", "f"), ("code", "test_f"), ("markdown", "essay")]
    assert cells[0].source == "# Title\ntext"
    test = cells[3].metadata["nbgrader"]
    assert test["grade"] and test["locked"] and not test["solution"] and test["points"] == 2
    essay = cells[4].metadata["nbgrader"]
    assert essay["grade"] and essay["solution"] and essay["points"] == 3
    assert cells[1].metadata["nbgrader"]["locked"] and not cells[1].metadata["nbgrader"]["grade"]


def test_build_source_rejects_mistakes():
    with pytest.raises(ValueError, match="unknown"):
        build_source.parse("# %% soluton id=x\npass\n")
    with pytest.raises(ValueError, match="duplicate"):
        build_source.parse("# %% solution id=x\npass\n# %% solution id=x\npass\n")
    with pytest.raises(ValueError, match="id="):
        build_source.parse("# %% test points=1\npass\n")


def test_an_answer_cell_without_test_cells_earns_no_points():
    """Code the student brings for the notebook's own use (06: their loop of 03) is an answer
    cell of its own: nbgrader's release empties it, and with no test cell it carries no points."""
    cells = build_source.parse("# %% solution id=loop\ndef g():\n    ### BEGIN SOLUTION\n    return 1\n"
                               "    ### END SOLUTION\n\n# %% [markdown]\n# text\n")
    answer = cells[0].metadata["nbgrader"]
    assert answer["solution"] and not answer["grade"] and "points" not in answer
