import nbformat
import pytest

from tools import build_source
from tools.catalogue import leaks, submissions
from tools.grader.feedback import HideHiddenTests
from tools.grader.stderr import DemoteStderrInGradeCells

AUTHORING = '''# %% [markdown]
# # Title
# text

# %% locked id=setup
import torch

# %% solution id=f
def f(x):
    ### BEGIN SOLUTION
    return x + 1
    ### END SOLUTION

# %% test id=test_f points=2
assert f(1) == 2
### BEGIN HIDDEN TESTS
assert f(41) == 42 and "secret_marker_value"
### END HIDDEN TESTS

# %% [markdown] manual id=essay points=3
# ### BEGIN SOLUTION
# a model answer that is long enough
# ### END SOLUTION
'''


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


def _notebook():
    nb = nbformat.v4.new_notebook(cells=build_source.parse(AUTHORING))
    return nb


def test_secret_lines_and_misspellings():
    nb = _notebook()
    secrets = leaks.secret_lines(nb)
    assert 'assert f(41) == 42 and "secret_marker_value"' in secrets
    assert "a model answer that is long enough" in secrets
    assert leaks.misspelled_delimiters(nb) == []
    nb.cells[3].source = nb.cells[3].source.replace("### BEGIN HIDDEN TESTS", "### BEGIN HIDDEN TEST")
    assert leaks.misspelled_delimiters(nb) == ["### BEGIN HIDDEN TEST"]
    nb.cells[3].source = "# begin hidden tests\n" + nb.cells[3].source
    assert "# begin hidden tests" in leaks.misspelled_delimiters(nb)


def test_reference_submission_and_cases():
    nb = _notebook()
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
    from tools.common.paths import REPO
    for folder in (REPO / "catalogue").iterdir():
        if not folder.is_dir() or folder.name == "attacks":     # attacks: tests/test_attacks.py
            continue
        source = submissions.read(REPO / "source" / folder.name / f"{folder.name}.ipynb")
        ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in source.cells}
        for case in submissions.load_cases(folder.name):
            assert case.exercise in ids, f"{folder.name}/{case.name}: no exercise {case.exercise}"
            assert all(f in ids for f in case.fails), f"{folder.name}/{case.name}: unknown test cell"
            if case.kind == "wrong":
                assert case.fails, f"{folder.name}/{case.name}: a wrong case must name its test cell"


def test_plugins_demote_stderr_and_hide_hidden_tests():
    cell = nbformat.v4.new_code_cell("assert True\n### BEGIN HIDDEN TESTS\nsecret()\n### END HIDDEN TESTS")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "t", "points": 1}
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="UserWarning: x"),
                    nbformat.v4.new_output("error", ename="CheckFailed", evalue="expected 1, got 2",
                                           traceback=["Cell In[3], line 3", "----> 3 secret()", "CheckFailed: expected 1"])]
    DemoteStderrInGradeCells().preprocess_cell(cell, {}, 0)
    assert cell.outputs[0].name == "stdout"
    HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert "secret" not in cell.source
    assert cell.outputs[1].traceback == ["CheckFailed: expected 1, got 2"]


def test_every_attack_names_a_real_exercise_and_base():
    from tools.catalogue import attacks
    from tools.common.paths import REPO
    source = submissions.read(REPO / "source" / attacks.ASSIGNMENT / f"{attacks.ASSIGNMENT}.ipynb")
    ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in source.cells}
    wrong = {c.name for c in submissions.load_cases(attacks.ASSIGNMENT) if c.kind == "wrong"}
    for attack in attacks.load():
        assert attack.exercise in ids, attack.name
        assert attack.base == "reference" or attack.base in wrong, attack.name
