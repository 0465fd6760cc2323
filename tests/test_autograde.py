"""The parallel grader gives the same grades as serial nbgrader, with no lock errors, and
reports a submission it could not grade instead of losing it."""
import pytest

from tools import report, submissions
from tools.autograde import autograde_class
from tools.nbgrader_cli import make_course, nbgrader, scores

AID = "01_autograd"


def _class(root):
    nbgrader(root, "generate_assignment", AID, "--force")
    release = submissions.read(root / "release" / AID / f"{AID}.ipynb")
    source = submissions.read(root / "source" / AID / f"{AID}.ipynb")
    reference = submissions.reference_submission(release, source)
    cases = [c for c in submissions.load_cases(AID) if c.kind == "wrong"][:3]
    class_ = {"ref": reference, "blank": release, **{f"s{i}": submissions.apply_case(reference, c) for i, c in enumerate(cases)}}
    for student, nb in class_.items():
        submissions.write_submission(root, student, AID, nb)
    return class_


def test_parallel_grades_equal_serial_grades(tmp_path):
    serial = make_course(tmp_path / "serial", [AID])
    parallel = make_course(tmp_path / "parallel", [AID])
    students = _class(serial)
    _class(parallel)
    (parallel / "submitted" / "broken" / AID).mkdir(parents=True)
    (parallel / "submitted" / "broken" / AID / f"{AID}.ipynb").write_text("{not json")

    nbgrader(serial, "autograde", AID, "--force")
    outcomes = autograde_class(parallel, AID, workers=3, show_progress=False)

    by_student = {o.student: o for o in outcomes}
    assert set(by_student) == set(students) | {"broken"}
    assert all(by_student[s].ok for s in students), [o for o in outcomes if not o.ok]
    assert not by_student["broken"].ok and by_student["broken"].reason
    assert not any("locked" in o.reason for o in outcomes)
    expected, got = scores(serial), scores(parallel)
    for student in students:
        assert got[(student, AID)]["cells"] == expected[(student, AID)]["cells"], student

    page = report.render(parallel)
    assert f"<h2>{AID}</h2>" in page and page.count("data:image/png;base64") == 1
    assert "CheckFailed" in page                       # the wrong students' messages
    assert f"broken/{AID}" in page                     # listed, not lost
