"""Feedback on submit: a hub service that grades each new submission of the assignments it is
switched on for and hands its author the feedback within a minute or so.

    python -m tools.classroom.early_feedback --run-dir DIR --course-root DIR --exchange DIR
    (started by the hub as one of its services, as root; on Kubernetes, beside the formgrader)

What the early feedback shows is a policy per assignment, kept in the run folder
(``feedback-on-submit.json``, root's; ``python -m tools.classroom feedback-on-submit AID
--policy full|visible|off`` changes it while the class runs, ``make classroom
FEEDBACK_ON_SUBMIT=01_autograd EARLY_FEEDBACK=full`` sets it at the start):

- ``full``: the score and every check's message, as the final feedback will show them (the
  hidden tests' verdicts, computed outside the sandbox as at the deadline);
- ``visible``: the visible checks only (the ones Validate runs), in the grading sandbox, and the
  score those checks give; the hidden tests are not run.

The grades of record are never touched: each submission is graded in a course root of the
service's own (``early-feedback/course``: the instructors' source notebooks and nbgrader
configuration, an SQLite gradebook of its own, the assignment's due date copied so a late
submission is told its penalty), so the instructor's collect and autograde at the deadline are
unchanged. A submission is read from the exchange without following anything its author placed
there (``inbound.py``). Its feedback goes where nbgrader's ``release_feedback`` puts it (a file
named by a hash of the submission's secret), owned by the student, mode 600: *Fetch Feedback*
in the Assignments tab (``nbgrader fetch_feedback``) brings it, and the final feedback, released
for the same submission, replaces it.

Each submission handled is one line of ``early-feedback/released.jsonl`` (student, assignment,
nbgrader's timestamp, when it was noticed and released, score or the reason it failed).
"""
import json
import os
import shutil
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from tools.classroom import inbound, layout
from tools.common.courses import nbgrader

POLICIES = ("full", "visible")
POLICY_FILE = "feedback-on-submit.json"
POLL_S = 2
WORKERS = max(1, min(4, os.cpu_count() or 1))
# A submission is read once nbgrader's submit has finished writing it: its secret is written last.
COMPLETE_WHEN = "submission_secret.txt"

# Appended to the copy of the course's nbgrader_config.py in the service's course root.
CONFIG_HOOK = '''
# Added by tools/classroom/early_feedback.py: what the early feedback shows (its policy).
from tools.classroom.early_feedback_config import configure_early_feedback  # noqa: E402
configure_early_feedback(c)
'''


# --- the policy ------------------------------------------------------------------------------

def policy_path(run):
    return run.folder / POLICY_FILE


def policies(run):
    """{assignment: policy} of the assignments feedback on submit is on for."""
    try:
        return {aid: policy for aid, policy in json.loads(policy_path(run).read_text()).items() if policy in POLICIES}
    except (OSError, ValueError):
        return {}


def set_policy(run, aid, policy):
    """Switch feedback on submit for ``aid`` to ``policy`` (one of POLICIES, or "off")."""
    if policy not in (*POLICIES, "off"):
        raise ValueError(f"policy must be one of {', '.join(POLICIES)} or off, not {policy!r}")
    current = policies(run)
    if policy == "off":
        current.pop(aid, None)
    else:
        current[aid] = policy
    path = policy_path(run)
    descriptor = os.open(f"{path}.tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(current, file, indent=1)
    os.replace(f"{path}.tmp", path)
    return current


def records(run):
    """The service's record of each submission it handled (``early-feedback/released.jsonl``)."""
    log = run.folder / "early-feedback" / "released.jsonl"
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()] if log.exists() else []


# --- grading one submission in the service's course root ----------------------------------------

def _now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class CourseCopy:
    """The service's own course root: the instructors' nbgrader configuration and source
    notebooks (copied when they change), an SQLite gradebook, the graded submissions."""

    def __init__(self, run):
        self.run = run
        self.root = run.folder / "early-feedback" / "course"
        self._lock = threading.Lock()
        self._generated = {}           # aid -> the source's modification times it was generated from

    def nbgrader(self, *args, policy="full", timestamp=""):
        # COURSE_DB_URL empty: nbgrader_config.py's own SQLite gradebook, never the class's.
        return nbgrader(self.root, *args, check=False, env={
            "COURSE_DB_URL": "", "COURSE_EARLY_FEEDBACK": policy, "COURSE_EARLY_TIMESTAMP": timestamp})

    def prepare(self, aid):
        """The assignment generated here from the instructors' current source, its due date theirs."""
        source = self.run.course_root / "source" / aid
        stamp = sorted((p.name, p.stat().st_mtime_ns) for p in source.glob("*.ipynb"))
        with self._lock:
            if self._generated.get(aid) == stamp:
                return
            self.root.mkdir(parents=True, exist_ok=True)
            config = (self.run.course_root / "nbgrader_config.py").read_text()
            (self.root / "nbgrader_config.py").write_text(config + CONFIG_HOOK)
            shutil.rmtree(self.root / "source" / aid, ignore_errors=True)
            shutil.copytree(source, self.root / "source" / aid)
            for step in (["generate_assignment", aid, "--force"], *self._due_date(aid)):
                done = self.nbgrader(*step)
                if done.returncode != 0:
                    raise RuntimeError(f"nbgrader {step[0]} failed: {done.stderr[-1500:]}")
            self._generated[aid] = stamp

    def _due_date(self, aid):
        url = os.environ.get("COURSE_DB_URL")
        if not url:
            return []
        from nbgrader.api import Gradebook, MissingEntry
        with Gradebook(url) as gradebook:
            try:
                due = gradebook.find_assignment(aid).duedate
            except MissingEntry:
                return []
        return [["db", "assignment", "add", aid, f"--duedate={due.isoformat()} UTC"]] if due else []

    def grade(self, submission, files, policy):
        """Autograde the submission here and generate its feedback; returns {notebook: html path}."""
        folder = self.root / "submitted" / submission.student / submission.assignment
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, content in files.items():
            (folder / name).write_bytes(content)
        for step in ("autograde", "generate_feedback"):
            done = self.nbgrader(step, submission.assignment, "--student", submission.student, "--force",
                                 policy=policy, timestamp=submission.timestamp)
            if done.returncode != 0:
                raise RuntimeError(_reason(done))
        pages = self.root / "feedback" / submission.student / submission.assignment
        return {page.stem: page for page in pages.glob("*.html")}

    def score(self, submission):
        from nbgrader.api import Gradebook
        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gradebook:
            graded = gradebook.find_submission(submission.assignment, submission.student)
            return graded.score, graded.max_score


def _reason(done):
    lines = [line for line in (done.stderr + done.stdout).splitlines() if "ERROR" in line or "Error" in line]
    return (lines[-1] if lines else (done.stderr or done.stdout).strip().splitlines()[-1:] or ["nbgrader failed"])[0][:500]


# --- handing the feedback to its student ---------------------------------------------------------

def release(run, submission, secret, pages):
    """Each page where nbgrader's release_feedback puts it, the student's alone (mode 600)."""
    import pwd
    from nbgrader.utils import notebook_hash
    account = pwd.getpwnam(submission.student)
    target = run.exchange / layout.COURSE_ID / "feedback"
    for notebook, page in pages.items():
        name = notebook_hash(secret=secret, notebook_id=notebook)
        temporary = target / f".{name}.early"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(page.read_bytes())
        os.chown(temporary, account.pw_uid, account.pw_gid)
        os.replace(temporary, target / f"{name}.html")


FAILED_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{aid}: early feedback</title></head>
<body style="font-family:sans-serif;max-width:50em;margin:2em auto">
<h1>{aid}: your submission of {timestamp}</h1>
<p>It could not be graded at once: {reason}</p>
<p>Nothing is lost: your instructor grades your last submission after the deadline.</p></body></html>
"""


# --- the service ---------------------------------------------------------------------------------

class Service:

    def __init__(self, run, workers=WORKERS):
        self.run = run
        self.course = CourseCopy(run)
        self.folder = run.folder / "early-feedback"
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        self.done = self._load_done()
        self.pool = ThreadPoolExecutor(workers)
        self.pending = set()
        self.write_lock = threading.Lock()

    def _load_done(self):
        return {record["folder"] for record in records(self.run)}

    def inbound(self):
        return self.run.exchange / layout.COURSE_ID / "inbound"

    def poll(self):
        """Queue every new, complete submission of an assignment feedback on submit is on for."""
        on = policies(self.run)
        if not on or not self.inbound().is_dir():
            return []
        queued = []
        for submission in inbound.submissions(self.inbound(), set(on)):
            key = submission.folder
            if key in self.done or key in self.pending:
                continue
            if not os.path.lexists(self.inbound() / key / COMPLETE_WHEN):
                continue
            self.pending.add(key)
            queued.append(self.pool.submit(self.handle, submission, on[submission.assignment], time.time()))
        return queued

    def handle(self, submission, policy, noticed):
        record = {"folder": submission.folder, "student": submission.student,
                  "assignment": submission.assignment, "timestamp": submission.timestamp,
                  "policy": policy, "noticed": noticed}
        try:
            files = inbound.read(self.inbound(), submission)
            stamp, _ = inbound.recorded_time(self.inbound(), submission,
                                             files.get("timestamp.txt", b"").decode(errors="replace"))
            files["timestamp.txt"] = stamp.encode()         # as the deadline's collect records it
            secret = files.get("submission_secret.txt", b"").decode().strip()
            if not secret:
                raise inbound.Unreadable("the submission has no secret (it was not made by nbgrader submit)")
            try:
                self.course.prepare(submission.assignment)
                pages = self.course.grade(submission, files, policy)
                record["score"], record["max_score"] = self.course.score(submission)
            except Exception as error:           # a grading failure: the student is told why
                record["error"] = str(error)
                pages = self._failure_page(submission, str(error))
            release(self.run, submission, secret, pages)
            record["released"] = time.time()
        except (inbound.Unreadable, OSError, ValueError) as error:
            record["error"] = f"not read: {error}"
        with self.write_lock:
            with open(self.folder / "released.jsonl", "a") as log:
                log.write(json.dumps(record) + "\n")
            self.done.add(submission.folder)
            self.pending.discard(submission.folder)
        print(f"{_now()} early feedback {submission.folder}: "
              + (f"{record.get('score')}/{record.get('max_score')}" if "error" not in record else record["error"]),
              flush=True)
        return record

    def _failure_page(self, submission, reason):
        import html
        page = self.folder / "failed" / submission.student / f"{submission.assignment}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(FAILED_PAGE.format(aid=html.escape(submission.assignment),
                                           timestamp=html.escape(submission.timestamp), reason=html.escape(reason)))
        return {submission.assignment: page}

    def serve_forever(self):
        print(f"{_now()} feedback on submit: watching {self.inbound()} ({POLICY_FILE}: {policies(self.run)})", flush=True)
        while True:
            try:
                self.poll()
            except Exception as error:          # a bad moment in the exchange must not end the service
                print(f"{_now()} feedback on submit: {type(error).__name__}: {error}", flush=True)
            time.sleep(POLL_S)


def main(argv=None):
    import argparse
    parser = argparse.ArgumentParser(prog="python -m tools.classroom.early_feedback", description=__doc__.split("\n\n")[0])
    parser.add_argument("--run-dir", required=True, help="where the policy and the service's own course root live")
    parser.add_argument("--course-root", required=True, help="the instructors' course root (its source/ is read)")
    parser.add_argument("--exchange", required=True, help="nbgrader's exchange root")
    parser.add_argument("--workers", type=int, default=WORKERS, help="submissions graded at once (default %(default)s)")
    args = parser.parse_args(argv)
    run = layout.Run(Path(args.run_dir), Path(args.course_root), exchange_root=args.exchange)
    end_with_the_hub()
    Service(run, args.workers).serve_forever()


def end_with_the_hub():
    """Stop, with every grading under way, when the hub says so or dies. The hub ends a service
    with SIGINT, which a class started from a background shell inherits ignored, then SIGTERM;
    the gradings (nbgrader and its kernels) are in this process's group, made here, and end with it."""
    import ctypes
    import signal
    if os.getpgrp() != os.getpid():
        os.setpgrp()

    def end(*_):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        os.killpg(0, signal.SIGTERM)
        os._exit(0)
    signal.signal(signal.SIGINT, end)
    signal.signal(signal.SIGTERM, end)
    # And if the hub is killed outright: Linux's parent-death signal (prctl PR_SET_PDEATHSIG = 1).
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)
    if os.getppid() == 1:
        end()


if __name__ == "__main__":
    sys.exit(main())
