"""Submissions built from the release: the reference, catalogue cases (tools/catalogue/submissions.py)."""
import nbformat
import pytest

from conftest import REPO
from tools.catalogue import submissions


def test_reference_submission_and_cases(authored):
    nb = authored
    release = nbformat.from_dict(nb)
    release.cells[2].source = "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()"
    reference = submissions.reference_submission(release, nb)
    assert reference.cells[2].source == "def f(x):\n    return x + 1"
    case = submissions.Case("a", "c", "f", "wrong", "def f(x):\n    return x")
    assert submissions.apply_case(reference, case).cells[2].source == case.code
    with pytest.raises(KeyError):
        submissions.apply_case(reference, submissions.Case("a", "c", "test_f", "wrong", ""))


def test_parse_case_headers(tmp_path):
    path = tmp_path / "case.py"
    path.write_text("# exercise: f\n# kind: wrong\n# fails: test_f test_g\n# why: off by one\ndef f(x):\n    return x\n")
    case = submissions.parse_case(path, "a")
    assert (case.exercise, case.kind, case.fails, case.why) == ("f", "wrong", ["test_f", "test_g"], "off by one")
    assert case.code == "def f(x):\n    return x"


def test_every_catalogue_case_names_a_real_exercise():
    for folder in (REPO / "catalogue").iterdir():
        if not folder.is_dir() or folder.name in ("attacks", "honest"):     # tests/test_attacks.py
            continue
        source = submissions.read(REPO / "source" / folder.name / f"{folder.name}.ipynb")
        ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in source.cells}
        for case in submissions.load_cases(folder.name):
            assert case.exercise in ids, f"{folder.name}/{case.name}: no exercise {case.exercise}"
            assert all(f in ids for f in case.fails), f"{folder.name}/{case.name}: unknown test cell"
            if case.kind == "wrong":
                assert case.fails, f"{folder.name}/{case.name}: a wrong case must name its test cell"


def test_an_answer_cell_that_no_test_cell_follows_is_ungraded(authored):
    nb = nbformat.from_dict(authored)
    assert submissions.ungraded_answers(nb) == []
    own = nbformat.v4.new_code_cell("def loop():\n    pass", metadata={"nbgrader": {
        "grade": False, "grade_id": "own_loop", "locked": False, "schema_version": 3, "solution": True, "task": False}})
    nb.cells.append(own)
    assert submissions.ungraded_answers(nb) == ["own_loop"]
    nb.cells.insert(3, nbformat.from_dict(own))      # between f and its test cell: the test becomes its own
    nb.cells[3].metadata["nbgrader"]["grade_id"] = "early"
    assert "early" not in submissions.ungraded_answers(nb) and "f" in submissions.ungraded_answers(nb)
