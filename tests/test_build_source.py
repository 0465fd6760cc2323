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
