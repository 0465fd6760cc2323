"""Every assignment, end to end, with real nbgrader in a temporary course folder.

The class of each assignment is the reference solution, an untouched release and one
student per catalogue case (realistic wrong solutions and correct alternatives,
``catalogue/<id>/``). Asserted: the release is in sync and leak-free; the reference earns
full automatic marks and grades identically twice; the untouched release earns zero; every
wrong solution loses points on its own exercise's test cell, with a message that names its own
likely mistake or none (value answers; the rest: ``test_catalogue_messages.py``), and (where the
hidden tests run outside the kernel, ``tools/hidden_tests/``) on no other exercise's; every
alternative earns full marks; feedback HTML shows no hidden-test code.
"""
import json

import pytest

from conftest import ASSIGNMENTS, REPO
from tools import grading_report
from tools.catalogue import leaks, submissions
from tools.catalogue.grade import grade_catalogue, regrade
from tools.catalogue.naming import naming_problems
from tools.grader import rubrics
from tools.hidden_tests import suite_for

CASES = [(aid, case) for aid in ASSIGNMENTS for case in submissions.load_cases(aid)]
WRONG = [pytest.param(aid, c, id=f"{aid}/{c.name}") for aid, c in CASES if c.kind == "wrong"]
ALTERNATIVES = [pytest.param(aid, c, id=f"{aid}/{c.name}") for aid, c in CASES if c.kind == "alternative"]

_COURSES = {}


@pytest.fixture
def course(aid, tmp_path_factory, synthetic_data):
    """Release, class, autograde and feedback: once per assignment (per test worker)."""
    if aid not in _COURSES:
        _COURSES[aid] = grade_catalogue(aid, tmp_path_factory.mktemp(f"course-{aid}"))
    return _COURSES[aid]


def _automatic(result):
    return {cell: s for cell, s in result["cells"].items()}


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_release_in_sync_with_repository(aid, course):
    generated = (course.root / "release" / aid / f"{aid}.ipynb").read_text()
    committed = (REPO / "release" / aid / f"{aid}.ipynb").read_text()
    assert json.loads(generated) == json.loads(committed), \
        f"release/{aid} is out of date: run `make release` and commit it."
    extra = sorted(p.name for p in (REPO / "release" / aid).iterdir() if p.name != f"{aid}.ipynb")
    assert not extra, f"release/{aid} contains files that are not the notebook: {extra}"


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_release_has_no_solution_and_no_hidden_test(aid, course):
    release = submissions.read(REPO / "release" / aid / f"{aid}.ipynb")
    text = leaks.notebook_text(release)
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TEST"):
        assert marker not in text
    secrets = leaks.secret_lines(course.source) | leaks.suite_lines(aid, course.source)
    assert secrets, "the leak check found nothing to look for"
    assert leaks.leaked(text, secrets) == []


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_no_misspelled_delimiters(aid):
    source = submissions.read(REPO / "source" / aid / f"{aid}.ipynb")
    assert leaks.misspelled_delimiters(source) == []


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_every_exercise_has_tests_and_catalogue_cases(aid):
    source = submissions.read(REPO / "source" / aid / f"{aid}.ipynb")
    meta = [c.metadata.get("nbgrader", {}) for c in source.cells]
    code_tests = [c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    answers = [m["grade_id"] for m, c in zip(meta, source.cells)
               if m.get("solution") and not m.get("grade") and c.cell_type == "code"]
    manual = [m for m, c in zip(meta, source.cells) if c.cell_type == "markdown" and m.get("grade")]
    ids = [m["grade_id"] for m in meta if m.get("grade_id")]
    assert len(ids) == len(set(ids))
    suite = suite_for(aid)
    if suite is None:
        assert all("### BEGIN HIDDEN TESTS" in c.source for c in code_tests), "every test cell needs hidden tests"
    else:
        tests = {c.metadata["nbgrader"]["grade_id"] for c in code_tests}
        assert tests == set(suite.tests), f"test cells without a hidden test, or tests without a cell: {tests ^ set(suite.tests)}"
        assert not any("HIDDEN TESTS" in c.source for c in source.cells), "hidden tests live in tools/hidden_tests/"
    assert manual, "each assignment needs a manually graded written question"
    cases = submissions.load_cases(aid)
    for answer in answers:
        wrong = [c for c in cases if c.exercise == answer and c.kind == "wrong"]
        alternative = [c for c in cases if c.exercise == answer and c.kind == "alternative"]
        if answer in submissions.ungraded_answers(source):
            # Code the student brings for the experiments (06: their train_model of assignment 3):
            # no test cell, no hidden test, no points, and so nothing to get wrong; a case that
            # leaves it unanswered or broken must keep full marks (the alternatives' test).
            assert suite is None or answer not in suite.exercises, f"{answer}: an ungraded answer with a hidden test"
            assert not wrong, f"{answer} is not graded, so no answer to it can lose points"
            assert alternative, f"{answer}: needs a case in catalogue/{aid}/ that leaves it unanswered or broken"
            continue
        assert len(wrong) >= 3, f"{answer}: needs at least 3 wrong solutions in catalogue/{aid}/"
        assert alternative, f"{answer}: needs a correct alternative in catalogue/{aid}/"


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_reference_earns_full_automatic_marks_twice(aid, course):
    result = course.scores[("reference", aid)]
    lost = {cell: s for cell, s in _automatic(result).items() if s[0] < s[1]}
    assert lost == {}, f"reference lost points: {lost} ({course.messages['reference']})"
    assert result["code_score"] == result["max_code_score"] > 0
    assert result["needs_manual_grade"], "the written answers await a human"
    again = regrade(course, "reference")
    assert again["cells"] == result["cells"] and again["score"] == result["score"]


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_the_reference_runs_without_an_error_and_every_test_cell_speaks(aid, course):
    """The kernel's errors no longer score, so a broken cell of our own would only show: it is
    caught here. And the introduction's promise: every test cell prints a line when it passes."""
    graded = submissions.read(course.root / "autograded" / "reference" / aid / f"{aid}.ipynb")
    errors = [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(graded.cells) if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == [], errors
    for cell in graded.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code" \
                and not cell.metadata["nbgrader"].get("solution"):
            said = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
            assert "\u2714" in said or "\u2026 Checked when your work is graded" in said, \
                (cell.metadata["nbgrader"]["grade_id"], said)


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_untouched_release_earns_zero(aid, course):
    result = course.scores[("untouched", aid)]
    assert result["score"] == 0
    assert set(result["cells"]) == set(course.scores[("reference", aid)]["cells"])


@pytest.mark.parametrize("aid, case", WRONG)
def test_wrong_solution_loses_points_on_its_exercise(aid, case, course):
    student = course.student(case)
    result = course.scores[(student, aid)]
    reference = course.scores[("reference", aid)]
    assert result["code_score"] < reference["code_score"], f"{case.name} ({case.why}) was not caught"
    for cell in case.fails:
        score, max_score = result["cells"][cell]
        assert score < max_score, f"{case.name} ({case.why}) did not lose points on {cell}"
        message = course.messages[student].get(cell, "")
        assert message and not message.endswith("AssertionError: "), \
            f"{case.name}: {cell} failed without an explanation: {message!r}"
    # The likely mistake its messages name, of the tests that read values from the notebook's run
    # (the tests that call code: tests/test_catalogue_messages.py, on the fast path).
    suite = suite_for(aid)
    values = {t.cell for t in suite.tests.values() if not t.calls_code} if suite is not None else None
    messages = {cell: m for cell, m in course.messages[student].items() if values is None or cell in values}
    assert naming_problems(case, messages, values) == []


@pytest.mark.parametrize("aid, case", [pytest.param(aid, c, id=f"{aid}/{c.name}") for aid, c in CASES
                                       if c.kind == "wrong" and suite_for(aid) is not None])
def test_wrong_solution_costs_points_only_on_its_exercise(aid, case, course):
    """Each exercise is graded with reference versions of the pieces it builds on, so a mistake
    costs the points of its own exercise only (assignments graded outside the kernel)."""
    result = course.scores[(course.student(case), aid)]
    assert grading_report.lost_elsewhere(course, case, result) == [], \
        f"{case.name} ({case.why}) also lost points on other exercises: {course.messages[course.student(case)]}"


@pytest.mark.parametrize("aid, case", ALTERNATIVES)
def test_correct_alternative_earns_full_marks(aid, case, course):
    student = course.student(case)
    result = course.scores[(student, aid)]
    assert result["code_score"] == result["max_code_score"], \
        f"{case.name} ({case.why}) lost points: {course.messages[student]}"


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_feedback_shows_no_hidden_test_code(aid, course):
    hidden = leaks.secret_lines(course.source, kinds=("hidden",)) | leaks.suite_lines(aid, course.source)
    assert hidden, "the leak check found nothing to look for"
    pages = list((course.root / "feedback").glob(f"*/{aid}/*.html"))
    assert len(pages) == 2 + len(course.cases)
    for page in pages:
        student = page.parent.parent.name
        # What the student wrote themselves is not a leak, even where it matches a hidden line.
        own = {line.strip() for line in leaks.notebook_text(submissions.read(
            course.root / "submitted" / student / aid / f"{aid}.ipynb")).splitlines()}
        assert leaks.leaked(leaks.visible_text(page.read_text()), hidden - own) == [], page


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_feedback_carries_the_check_messages(aid, course):
    for case in course.cases:
        student = course.student(case)
        page = (course.root / "feedback" / student / aid / f"{aid}.html").read_text()
        for message in course.messages[student].values():
            first_line = message.splitlines()[0][:60]
            assert first_line in leaks.visible_text(page), f"{case.name}: feedback lacks {first_line!r}"


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_rubrics_reach_the_graders_and_never_the_students(aid, course):
    written = [c for c in course.source.cells if c.cell_type == "markdown"
               and c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"].get("solution")]
    found = [rubrics.rubric_of(c.source) for c in written]
    assert written and all(found), f"{aid}: a written question without a rubric in its answer cell"
    release = leaks.notebook_text(submissions.read(REPO / "release" / aid / f"{aid}.ipynb"))
    graded = leaks.notebook_text(submissions.read(course.root / "autograded" / "reference" / aid / f"{aid}.ipynb"))
    pages = [leaks.visible_text(p.read_text()) for p in (course.root / "feedback").glob(f"*/{aid}/*.html")]
    assert pages
    for rubric in found:
        opening = rubric.splitlines()[0][:60]
        assert opening in graded, f"{aid}: the formgrader's notebook lacks the rubric {opening!r}"
        assert opening not in release and all(opening not in page for page in pages)
    assert "Rubric (" not in release and not any("Rubric (" in page for page in pages)


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_feedback_names_each_graded_cell_and_says_what_is_not_graded_yet(aid, course):
    page = (course.root / "feedback" / "reference" / aid / f"{aid}.html").read_text()
    toc = leaks.visible_text(page[page.index('<div id="toc">'):page.index("</ol>")])
    graded = [c for c in course.source.cells if c.metadata.get("nbgrader", {}).get("grade")]
    written = [c for c in graded if c.cell_type == "markdown"]
    for cell in graded:
        assert f"\u00b7 {cell.metadata['nbgrader']['grade_id']}" in toc          # named, by its section
    assert "Test cell" not in toc
    assert toc.count("not graded yet") == len(written)                          # not "0.0 / 3.0"
    assert "white-space: pre-wrap" in page                                       # messages wrap
