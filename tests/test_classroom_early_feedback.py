"""Feedback on submit (tools/classroom/early_feedback.py) and the exchange's inbound reader
(tools/classroom/inbound.py), without a hub: real nbgrader grading in the service's own course
root, on a throwaway course, and a throwaway exchange whose submissions belong to whoever runs
the tests. The service inside a running class: tests/test_classroom.py."""
import getpass
import json
import os
import stat
from pathlib import Path

import nbformat
import pytest
from nbgrader.utils import notebook_hash

from tools.catalogue import submissions
from tools.classroom import early_feedback, exchange, inbound, layout
from tools.common.courses import make_course, nbgrader, released

# One worker: its module fixtures grade four submissions, once.
pytestmark = pytest.mark.xdist_group("early-feedback")

AID = "01_autograd"
ME = getpass.getuser()
TIMESTAMP = "2026-11-30 12:00:00.000000 UTC"
DUE = "2030-01-01 00:00:00 UTC"            # the class's due date, copied into the service's gradebook
# A mistake the visible checks do not see and the hidden tests do (catalogue/01_autograd/).
UNSEEN_MISTAKE = "sigmoid_overflow"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    top = tmp_path_factory.mktemp("early feedback")
    root = make_course(top / "course root", [AID])
    nbgrader(root, "generate_assignment", AID, "--force")
    _, _, reference = released(root, AID)
    mistake = submissions.apply_case(reference, next(c for c in submissions.load_cases(AID) if c.name == UNSEEN_MISTAKE))
    run = layout.Run(top / "run", root)
    run.folder.mkdir()
    exchange.create(run.exchange, layout.COURSE_ID)
    return run, reference, mistake


def _files(nb, secret="s3cret"):
    return {f"{AID}.ipynb": nbformat.writes(nb).encode(), "timestamp.txt": TIMESTAMP.encode(),
            "submission_secret.txt": secret.encode()}


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    """{(case, policy): (score, max, page text)}, graded in the service's course root, with a
    class gradebook named in COURSE_DB_URL that the service must leave alone."""
    run, reference, mistake = course
    class_gradebook = tmp_path_factory.mktemp("class") / "gradebook.db"
    os.environ["COURSE_DB_URL"] = f"sqlite:///{class_gradebook}"
    nbgrader(run.course_root, "db", "assignment", "add", AID, f"--duedate={DUE}")
    try:
        copy = early_feedback.CourseCopy(run)
        out = {}
        for case, nb in [("reference", reference), ("mistake", mistake)]:
            for policy in early_feedback.POLICIES:
                submission = inbound.Submission("x", f"early-{case}", AID, TIMESTAMP)
                copy.prepare(AID)
                page, = copy.grade(submission, _files(nb), policy).values()
                out[case, policy] = (*copy.score(submission), page.read_text())
    finally:
        os.environ.pop("COURSE_DB_URL")
    return out, class_gradebook, run


def test_full_policy_grades_as_the_deadline_will(graded):
    out, _, _ = graded
    full_reference, full_mistake = out["reference", "full"], out["mistake", "full"]
    # 01's written answers wait for a grader: all the rest is earned by the reference.
    assert full_reference[0] == full_reference[1] - 5
    assert full_mistake[0] < full_reference[0]
    assert "Early feedback" in full_reference[2] and "visible checks only" not in full_reference[2]


def test_visible_policy_runs_the_visible_checks_only(graded):
    out, _, _ = graded
    visible_mistake, full_mistake = out["mistake", "visible"], out["mistake", "full"]
    # The hidden tests did not run: the mistake they catch costs nothing in this feedback,
    # and the page says what it is.
    assert visible_mistake[0] == out["reference", "visible"][0] > full_mistake[0]
    assert "visible checks only" in visible_mistake[2] and "does not mean full marks" in visible_mistake[2]
    lost = _failed_cells(out["mistake", "full"][2]) - _failed_cells(out["reference", "full"][2])
    assert lost and not (lost & _failed_cells(visible_mistake[2]))


def _failed_cells(page):
    """The test cells that lost points, from the page's contents (one line per graded cell)."""
    import re
    listed = re.findall(r'<li><a href="#(\w+)">[^<]*</a> \(Score: ([\d.]+) / ([\d.]+)\)', page)
    assert listed, "the feedback page lists no graded cell"
    return {cell for cell, score, points in listed if cell.startswith("test_") and float(score) < float(points)}


def test_the_class_gradebook_is_read_for_the_due_date_and_never_written(graded):
    from nbgrader.api import Gradebook
    _, class_gradebook, run = graded
    with Gradebook(f"sqlite:///{class_gradebook}") as gradebook:
        assert gradebook.students == [] and gradebook.find_assignment(AID).submissions == []
        due = gradebook.find_assignment(AID).duedate
    with Gradebook(f"sqlite:///{run.folder / 'early-feedback' / 'course' / 'gradebook.db'}") as gradebook:
        assert gradebook.find_assignment(AID).duedate == due
        assert len(gradebook.find_assignment(AID).submissions) == 2


# --- reading inbound/ ---------------------------------------------------------------------------

def _submission_folder(run, name, files):
    folder = run.exchange / layout.COURSE_ID / "inbound" / name
    folder.mkdir()
    for file, content in files.items():
        (folder / file).write_bytes(content)
    return folder


def test_inbound_reads_regular_files_of_the_student_only(course, tmp_path):
    run, reference, _ = course
    incoming = run.exchange / layout.COURSE_ID / "inbound"
    secret_elsewhere = tmp_path / "solution.ipynb"
    secret_elsewhere.write_text("the instructor's solution")
    good = _submission_folder(run, f"{ME}+{AID}+{TIMESTAMP}+good", _files(reference))
    linked = _submission_folder(run, f"{ME}+{AID}+{TIMESTAMP}+linked", {"timestamp.txt": b"t"})
    (linked / f"{AID}.ipynb").symlink_to(secret_elsewhere)
    (incoming / f"{ME}+{AID}+{TIMESTAMP}+folderlink").symlink_to(good)
    found = {s.folder.rsplit("+", 1)[1]: s for s in inbound.submissions(incoming, {AID})}
    assert sorted(found) == ["good", "linked"]             # a linked folder is nobody's submission
    assert set(inbound.read(incoming, found["good"])) == {f"{AID}.ipynb", "timestamp.txt", "submission_secret.txt"}
    with pytest.raises(inbound.Unreadable):
        inbound.read(incoming, found["linked"])
    assert inbound.parse("nobody") is None and inbound.parse(f"a+{AID}+t+r").student == "a"
    for folder in (good, linked, incoming / f"{ME}+{AID}+{TIMESTAMP}+folderlink"):
        folder.unlink() if folder.is_symlink() else __import__("shutil").rmtree(folder)


def test_a_submission_claiming_someone_else_is_not_theirs(course):
    run, reference, _ = course
    incoming = run.exchange / layout.COURSE_ID / "inbound"
    other = "nobody" if ME != "nobody" else "daemon"
    folder = _submission_folder(run, f"{other}+{AID}+{TIMESTAMP}+x", _files(reference))
    try:
        assert inbound.submissions(incoming, {AID}) == []
    finally:
        __import__("shutil").rmtree(folder)


def test_the_time_recorded_is_the_systems_where_the_claim_differs(course):
    from datetime import datetime, timedelta, timezone
    run, reference, _ = course
    incoming = run.exchange / layout.COURSE_ID / "inbound"
    now = datetime.now(timezone.utc)
    folder = _submission_folder(run, f"{ME}+{AID}+{TIMESTAMP}+clock", _files(reference))
    submission = inbound.parse(folder.name)
    try:
        honest = now.strftime(inbound.TIMESTAMP_FORMAT)
        assert inbound.recorded_time(incoming, submission, honest) == (honest, None)
        for claimed in [(now - timedelta(hours=1)).strftime(inbound.TIMESTAMP_FORMAT),     # backdated
                        (now + timedelta(hours=1)).strftime(inbound.TIMESTAMP_FORMAT), "yesterday"]:
            stamp, why = inbound.recorded_time(incoming, submission, claimed)
            recorded = datetime.strptime(stamp, inbound.TIMESTAMP_FORMAT).replace(tzinfo=timezone.utc)
            assert abs((recorded - now).total_seconds()) < 30 and "last changed" in why, (claimed, stamp, why)
    finally:
        __import__("shutil").rmtree(folder)


# --- the service: policy, queue, release -----------------------------------------------------------

def test_policy_is_switched_per_assignment(course):
    run, _, _ = course
    assert early_feedback.set_policy(run, AID, "visible") == {AID: "visible"}
    assert early_feedback.set_policy(run, "02_gradient_descent", "full") == {AID: "visible", "02_gradient_descent": "full"}
    assert early_feedback.set_policy(run, AID, "off") == {"02_gradient_descent": "full"}
    assert stat.S_IMODE(early_feedback.policy_path(run).stat().st_mode) == 0o600
    with pytest.raises(ValueError):
        early_feedback.set_policy(run, AID, "everything")
    early_feedback.set_policy(run, "02_gradient_descent", "off")


def test_service_releases_each_new_submission_once_to_its_author(course):
    run, reference, _ = course
    service = early_feedback.Service(run, workers=1)
    folder = _submission_folder(run, f"{ME}+{AID}+{TIMESTAMP}+svc", {k: v for k, v in _files(reference, "abc").items()
                                                                     if k != "submission_secret.txt"})
    assert service.poll() == []                              # feedback on submit is off for 01
    early_feedback.set_policy(run, AID, "full")
    try:
        assert service.poll() == []                          # nbgrader submit has not finished writing
        (folder / "submission_secret.txt").write_text("abc")
        queued = service.poll()
        assert len(queued) == 1 and service.poll() == []     # queued once
        record = queued[0].result(timeout=600)
        assert "error" not in record, record
        page = run.exchange / layout.COURSE_ID / "feedback" / f"{notebook_hash(secret='abc', notebook_id=AID)}.html"
        assert "Early feedback" in page.read_text()
        assert page.stat().st_uid == os.getuid() and stat.S_IMODE(page.stat().st_mode) == 0o600
        logged = [json.loads(line) for line in (service.folder / "released.jsonl").read_text().splitlines()]
        assert [r["folder"] for r in logged] == [folder.name] and logged[0]["released"] >= logged[0]["noticed"]
        assert early_feedback.Service(run, workers=1).poll() == []     # a restarted service does not grade it again
    finally:
        early_feedback.set_policy(run, AID, "off")


# --- the service's life: it ends with the hub -------------------------------------------------------

def _service_command(run):
    import sys
    return [sys.executable, "-m", "tools.classroom.early_feedback", "--run-dir", str(run.folder),
            "--course-root", str(run.course_root), "--exchange", str(run.exchange)]


def _wait_for_exit(pid, seconds):
    import time
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def test_service_stops_on_the_hubs_sigint_even_when_it_inherited_it_ignored(course):
    import signal
    import subprocess
    from tools.common.paths import course_env
    run, _, _ = course
    service = subprocess.Popen(_service_command(run), env=course_env(), stdout=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert "watching" in service.stdout.readline()
        service.send_signal(signal.SIGINT)
        assert service.wait(15) == 0
    finally:
        service.kill()
        service.wait()


def test_service_ends_when_the_hub_is_killed(course):
    import signal
    import subprocess
    from tools.common.paths import course_env
    run, _, _ = course
    hub = subprocess.Popen(["bash", "-c", " ".join(f"'{a}'" for a in _service_command(run)) + " & echo $!; wait"],
                           env=course_env(), stdout=subprocess.PIPE, text=True)
    service_pid = int(hub.stdout.readline())
    try:
        import time
        time.sleep(3)                                   # the service is up and has asked for the signal
        hub.send_signal(signal.SIGKILL)
        hub.wait()
        assert _wait_for_exit(service_pid, 15), "the service outlived its hub"
    finally:
        try:
            os.kill(service_pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
