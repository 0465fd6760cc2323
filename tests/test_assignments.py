"""Every assignment, end to end, with real nbgrader in a temporary course folder:
the release is in sync and leak-free, the reference earns full automatic marks, an untouched
release earns zero, realistic mistakes lose points on their own exercise, and the feedback
HTML shows no hidden-test code."""
import json
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from conftest import ASSIGNMENTS, REPO
from tools import leaks, submissions
from tools.nbgrader_cli import make_course, nbgrader, scores

pytestmark = pytest.mark.parametrize("aid", ASSIGNMENTS)


def one_wrong_case_per_exercise(aid):
    seen, picked = set(), []
    for case in submissions.load_cases(aid):
        if case.kind == "wrong" and case.exercise not in seen:
            seen.add(case.exercise)
            picked.append(case)
    return picked


_COURSES = {}


def graded_course(aid, tmp_path_factory):
    """Build, release, submit, autograde and generate feedback once per assignment."""
    if aid in _COURSES:
        return _COURSES[aid]
    root = make_course(tmp_path_factory.mktemp(f"course-{aid}"), [aid])
    nbgrader(root, "generate_assignment", aid, "--force")
    release = submissions.read(root / "release" / aid / f"{aid}.ipynb")
    source = submissions.read(root / "source" / aid / f"{aid}.ipynb")
    reference = submissions.reference_submission(release, source)
    cases = one_wrong_case_per_exercise(aid)
    students = {"reference": reference, "untouched": release}
    students.update({f"wrong-{c.name}": submissions.apply_case(reference, c) for c in cases})
    for student, nb in students.items():
        submissions.write_submission(root, student, aid, nb)
    nbgrader(root, "autograde", aid, "--force")
    nbgrader(root, "generate_feedback", aid, "--force")
    course = SimpleNamespace(root=root, source=source, cases=cases, scores=scores(root))
    _COURSES[aid] = course
    return course


@pytest.fixture
def course(aid, tmp_path_factory, synthetic_data):
    return graded_course(aid, tmp_path_factory)


def test_release_in_sync_with_repository(aid, course):
    generated = (course.root / "release" / aid / f"{aid}.ipynb").read_text()
    committed = (REPO / "release" / aid / f"{aid}.ipynb").read_text()
    assert json.loads(generated) == json.loads(committed), \
        f"release/{aid} is out of date: run `make release` and commit it."
    extra = sorted(p.name for p in (REPO / "release" / aid).iterdir() if p.name != f"{aid}.ipynb")
    assert not extra, f"release/{aid} contains files that are not the notebook: {extra}"


def test_release_has_no_solution_and_no_hidden_test(aid, course):
    release = submissions.read(REPO / "release" / aid / f"{aid}.ipynb")
    text = leaks.notebook_text(release)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TEST"):
        assert marker not in text
    secrets = leaks.secret_lines(course.source)
    assert secrets, "the leak check found nothing to look for"
    assert leaks.leaked(text, secrets) == []


def test_no_misspelled_delimiters(aid):
    source = submissions.read(REPO / "source" / aid / f"{aid}.ipynb")
    assert leaks.misspelled_delimiters(source) == []


def test_every_graded_cell_has_tests(aid):
    source = submissions.read(REPO / "source" / aid / f"{aid}.ipynb")
    ids = [c.metadata["nbgrader"]["grade_id"] for c in source.cells if c.metadata.get("nbgrader", {}).get("grade")]
    code_tests = [c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    manual = [c for c in source.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]
    assert len(ids) == len(set(ids))
    assert all("### BEGIN HIDDEN TESTS" in c.source for c in code_tests), "every test cell needs hidden tests"
    assert manual, "each assignment needs a manually graded written question"


def test_reference_earns_full_automatic_marks(aid, course):
    result = course.scores[("reference", aid)]
    lost = {cell: s for cell, s in result["cells"].items()
            if s[0] is not None and s[0] < s[1]}
    assert lost == {}, f"reference lost points: {lost}"
    assert result["code_score"] == result["max_code_score"] > 0


def test_untouched_release_earns_zero(aid, course):
    result = course.scores[("untouched", aid)]
    assert result["score"] == 0


@pytest.mark.parametrize("index", range(12))
def test_wrong_solution_loses_points_on_its_exercise(aid, course, index):
    if index >= len(course.cases):
        pytest.skip("fewer exercises")
    case = course.cases[index]
    result = course.scores[(f"wrong-{case.name}", aid)]
    reference = course.scores[("reference", aid)]
    assert result["code_score"] < reference["code_score"], f"{case.name} was not caught"
    for cell in case.fails:
        score, max_score = result["cells"][cell]
        assert score < max_score, f"{case.name} did not lose points on {cell}"


def test_feedback_shows_no_hidden_test_code(aid, course):
    hidden = leaks.secret_lines(course.source, kinds=("hidden",))
    pages = list((course.root / "feedback").glob(f"*/{aid}/*.html"))
    assert len(pages) == 2 + len(course.cases)
    for page in pages:
        assert leaks.leaked(leaks.visible_text(page.read_text()), hidden) == [], page


def test_feedback_explains_failures(aid, course):
    """A wrong solution's feedback carries the check's message, not a bare AssertionError."""
    for case in course.cases:
        page = course.root / "feedback" / f"wrong-{case.name}" / aid / f"{aid}.html"
        text = leaks.visible_text(page.read_text())
        assert "CheckFailed" in text or "expected" in text, f"no explanation in feedback of {case.name}"
