"""The parallel grader gives the same grades as serial nbgrader, with no lock errors, and
reports a submission it could not grade instead of losing it: on the SQLite gradebook and on
a PostgreSQL one (Debian's server, started on loopback by tools/postgres.py)."""
import pytest

from tools import autograde, postgres, report
from tools.autograde import autograde_class, chunks
from tools.catalogue import submissions
from tools.common.courses import make_course, nbgrader
from tools.common.gradebook import scores

AID = "01_autograd"
# One worker grades the serial reference once for both gradebooks.
pytestmark = pytest.mark.xdist_group("autograde")


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


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    """The class graded by plain serial nbgrader on SQLite: {student: {test cell: (score, max)}}."""
    with pytest.MonkeyPatch.context() as env:
        env.delenv("COURSE_DB_URL", raising=False)
        root = make_course(tmp_path_factory.mktemp("serial"), [AID])
        students = _class(root)
        nbgrader(root, "autograde", AID, "--force")
        graded = scores(root)
    return {student: graded[(student, AID)]["cells"] for student in students}


@pytest.fixture(params=["sqlite", "postgresql"])
def gradebook(request, monkeypatch):
    """The gradebook every nbgrader process of the test uses (nbgrader_config.py reads
    COURSE_DB_URL); a PostgreSQL server that cannot start fails the test, saying why."""
    if request.param == "sqlite":
        monkeypatch.delenv("COURSE_DB_URL", raising=False)
        yield request.param
        return
    try:
        with postgres.server() as url:
            monkeypatch.setenv("COURSE_DB_URL", url)
            yield request.param
    except postgres.PostgresUnavailable as error:
        pytest.fail(f"No PostgreSQL gradebook: {error}")


def test_chunks_cover_every_student_once():
    students = [f"s{i:02d}" for i in range(25)] + ["a,b", "star*"]
    runs = chunks(students, workers=2)
    assert sorted(s for run in runs for s in run) == sorted(students)
    assert ["a,b"] in runs and ["star*"] in runs
    assert max(len(run) for run in runs) == 5                   # 25 / (3 runs x 2 workers), rounded up
    assert max(len(run) for run in chunks([f"s{i}" for i in range(500)], workers=2)) == autograde.CHUNK
    assert chunks(students[:4], workers=2, chunk=1) == [[s] for s in students[:4]]


def test_parallel_grades_equal_serial_grades(tmp_path, serial, gradebook, monkeypatch):
    parallel = make_course(tmp_path / "parallel", [AID])
    students = _class(parallel)
    (parallel / "submitted" / "broken" / AID).mkdir(parents=True)
    (parallel / "submitted" / "broken" / AID / f"{AID}.ipynb").write_text("{not json")
    calls = []
    real = autograde.nbgrader
    monkeypatch.setattr(autograde, "nbgrader", lambda root, *args, **kw: calls.append(args) or real(root, *args, **kw))

    # Two processes of three students; "broken" sits in the first (blank, broken, ref).
    outcomes = autograde_class(parallel, AID, workers=2, show_progress=False, chunk=3)

    by_student = {o.student: o for o in outcomes}
    assert set(by_student) == set(students) | {"broken"}
    assert all(by_student[s].ok for s in students), [o for o in outcomes if not o.ok]
    assert not by_student["broken"].ok and by_student["broken"].reason
    database_errors = ("locked", "could not serialize", "deadlock", "OperationalError", "IntegrityError")
    assert not any(e in o.reason for o in outcomes for e in database_errors), outcomes
    # The gradebook used is the one selected: no SQLite file appears next to a PostgreSQL one.
    assert (parallel / "gradebook.db").exists() == (gradebook == "sqlite")
    got = scores(parallel)
    assert got[("ref", AID)]["code_score"] == got[("ref", AID)]["max_code_score"] > 0
    for student in students:
        assert got[(student, AID)]["cells"] == serial[student], student

    # Each chunk was one nbgrader process; only the broken submission was graded again alone.
    assert sum("--student=*" in args for args in calls) == 2
    assert [a for args in calls for a in args if a.startswith("--student=") and a != "--student=*"] == ["--student=broken"]

    page = report.render(parallel)
    assert f"<h2>{AID}</h2>" in page and "<div class='bar'>" in page       # its exercises, hardest first
    assert "CheckFailed" in page                       # the wrong students' messages
    assert f"broken/{AID}" in page                     # listed, not lost
