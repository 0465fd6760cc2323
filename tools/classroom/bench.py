"""``make classroom-bench [STUDENTS=30]``: a class under load, measured (as root).

    python -m tools.classroom.bench [--students 30] [--start-concurrency 5] [--json bench-results/classroom-load.json]

1. A class is started with the real command (``start --feedback-on-submit 01_autograd``) on a
   throwaway course root whose path has a space, and always stopped (``stop --purge``, every
   account removed), even on a failure or Ctrl-C.
2. The instructor generates and releases 01_autograd.
3. Each student logs in with the printed password, gets an API token and starts their server
   through the hub's REST API (timed), then fetches the assignment as their own account in their
   sandbox; their fetched notebook is replaced by a varied submission (the reference answers, one
   catalogue mistake, a catalogue alternative, or the release untouched), and all of them run
   ``nbgrader submit`` at once (threads released by a barrier).
4. Once the feedback-on-submit service has handled every submission (bounded wait): each one
   handled once, its feedback in the exchange, the student's, mode 600; then the instructor
   collects and autogrades the class serially (one ``nbgrader autograde``) into the class's
   gradebook, and each early score must equal the serial one.
5. Prints the figures (submission spread, submit-to-feedback time, server start, peak memory of
   the hub, the graders and the servers, the machine) and writes them as JSON.
"""
import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from tools.catalogue import submissions
from tools.classroom import accounts, early_feedback, inbound, layout, load
from tools.classroom.driver import Hub, as_user, classroom_command, instructor, printed_accounts
from tools.common.courses import make_course, released
from tools.common.paths import REPO

AID = "01_autograd"
DEFAULT_JSON = REPO / "bench-results" / "classroom-load.json"


def _gb(size):
    return f"{size / 2**30:.2f} GB"


def submission_plan(reference, release, n):
    """[(label, notebook)] for ``n`` students: the reference, the release untouched, then in turn a
    catalogue mistake (each a different one), the reference, a catalogue alternative."""
    cases = submissions.load_cases(AID)
    wrong = [c for c in cases if c.kind == "wrong"]
    alternative = [c for c in cases if c.kind == "alternative"]
    plan = [("reference", reference), ("release untouched", release)]
    while len(plan) < n:
        turn = len(plan) - 2
        if turn % 3 == 0:
            case = wrong[(turn // 3) % len(wrong)]
            plan.append((f"mistake {case.name}", submissions.apply_case(reference, case)))
        elif turn % 3 == 1:
            plan.append(("reference", reference))
        else:
            case = alternative[(turn // 3) % len(alternative)]
            plan.append((f"alternative {case.name}", submissions.apply_case(reference, case)))
    return plan[:n]


def _map(function, items, workers):
    """``[function(item) for item in items]``, ``workers`` at a time; on an error or Ctrl-C the
    threads still running are left behind (the class is stopped under them) rather than awaited."""
    pool = ThreadPoolExecutor(workers)
    try:
        results = list(pool.map(function, items))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results


def _timed_server_start(hub, token, student):
    begun = time.time()
    hub.start_server(token, student, timeout=600)
    return time.time() - begun


def _write_notebook(student, notebook):
    """The student's fetched notebook replaced by ``notebook``, still the student's file."""
    path = Path(f"/home/{student}/{AID}/{AID}.ipynb")
    owner = path.stat()
    nbformat.write(notebook, str(path))
    os.chown(path, owner.st_uid, owner.st_gid)


def submit_together(run, students):
    """Every student runs ``nbgrader submit`` at the same moment; {student: seconds it took}."""
    barrier = threading.Barrier(len(students))

    def submit(student):
        barrier.wait(timeout=300)
        begun = time.time()
        as_user(run, student, f"nbgrader submit {AID}")
        return time.time() - begun

    return dict(zip(students, _map(submit, students, len(students))))


def submitted_folders(run):
    """{submission folder in inbound/: student} of 01_autograd, every folder listed (not only
    those the service's reader takes as genuine: one it skipped is reported as not handled)."""
    found = map(inbound.parse, os.listdir(run.exchange / layout.COURSE_ID / "inbound"))
    return {submission.folder: submission.student for submission in found if submission and submission.assignment == AID}


def wait_for_feedback(run, folders, timeout):
    """The service's records once each of ``folders`` has one, or at ``timeout``."""
    deadline = time.time() + timeout
    while True:
        records = early_feedback.records(run)
        if set(folders) <= {r["folder"] for r in records} or time.time() > deadline:
            return records
        time.sleep(2)


def feedback_file(run):
    from nbgrader.utils import notebook_hash
    incoming = run.exchange / layout.COURSE_ID / "inbound"

    def path(record):
        secret = (incoming / record["folder"] / "submission_secret.txt").read_text().strip()
        return run.exchange / layout.COURSE_ID / "feedback" / f"{notebook_hash(secret=secret, notebook_id=AID)}.html"
    return path


def serial_scores(run):
    """The instructor's collect and one ``nbgrader autograde`` of the class, into its gradebook:
    ({student: (score, max_score)}, seconds the autograde took)."""
    from nbgrader.api import Gradebook
    instructor(run, "collect", AID)
    begun = time.time()
    instructor(run, "autograde", AID)
    seconds = time.time() - begun
    with Gradebook(run.gradebook_url_file.read_text().strip()) as gradebook:
        return {s.student.id: (s.score, s.max_score) for s in gradebook.find_assignment(AID).submissions}, seconds


def measure(run, passwords, args, figures):
    hub = Hub(run.url)
    students = run.students
    with load.MemorySampler(lambda: load.class_groups(run.supervisor_pid, run.gradebook)) as sampler:
        instructor(run, "generate_assignment", AID, "--force")
        instructor(run, "release_assignment", AID)
        tokens = {s: hub.token(s, passwords[s][1]) for s in students}
        starts = dict(zip(students, _map(lambda s: _timed_server_start(hub, tokens[s], s), students,
                                         args.start_concurrency)))
        figures["server_start_s"] = {**load.summary(starts.values()), "concurrency": args.start_concurrency}
        print(f"{len(students)} servers started through the API ({args.start_concurrency} at a time): "
              f"median {figures['server_start_s']['median']:.1f} s, max {figures['server_start_s']['max']:.1f} s", flush=True)
        _map(lambda s: as_user(run, s, f"nbgrader fetch_assignment {AID}"), students, 2)
        release, _, reference = released(run.course_root, AID)
        plan = dict(zip(students, submission_plan(reference, release, len(students))))
        for student, (label, notebook) in plan.items():
            if label != "release untouched":
                _write_notebook(student, notebook)
        began = time.time()
        took = submit_together(run, students)
        figures["submit_command_s"] = load.summary(took.values())
        folders = submitted_folders(run)
        stamps = [load.epoch(inbound.parse(folder).timestamp) for folder in folders]
        figures["submitted"] = len(folders)
        figures["submitted_within_s"] = max(stamps) - min(stamps) if stamps else None
        print(f"{len(folders)} submitted within {figures['submitted_within_s']:.1f} s "
              f"(nbgrader's timestamps; all submit commands done in {time.time() - began:.1f} s)", flush=True)
        records = wait_for_feedback(run, folders, args.timeout)
        figures["handled_after_s"] = time.time() - began
    figures["memory_peak_bytes"] = sampler.peaks
    figures["memory_samples"] = sampler.samples
    problems = load.check_records(records, folders, feedback_file(run))
    figures["handled_once"] = not problems
    figures["record_problems"] = problems
    latency = [r["released"] - load.epoch(r["timestamp"]) for r in records if "released" in r]
    figures["submit_to_feedback_s"] = load.summary(latency)
    early = {r["student"]: (r.get("score"), r.get("max_score")) for r in records}
    serial, figures["serial_autograde_s"] = serial_scores(run)
    differences = load.compare_scores(early, serial)
    figures["equal_to_serial"] = not differences
    figures["score_differences"] = differences
    figures["submissions"] = {s: {"submission": plan[s][0], "early": early.get(s), "serial": serial.get(s)}
                              for s in students}


def report(figures):
    n = figures["students"]
    lines = [f"Classroom load: {n} students, 01_autograd, feedback on submit (full); "
             f"machine: {figures['machine']['cores']} cores, {_gb(figures['machine']['memory_bytes'])} memory"]
    if "submitted" in figures:
        lines.append(f"  {figures['submitted']} submitted within {figures['submitted_within_s']:.1f} s "
                     f"(nbgrader submit took median {figures['submit_command_s']['median']:.1f} s, "
                     f"max {figures['submit_command_s']['max']:.1f} s, all at once)")
    if "handled_once" in figures:
        lines.append("  handled once each: " + ("yes" if figures["handled_once"] else "no: " + "; ".join(figures["record_problems"])))
    if "equal_to_serial" in figures:
        lines.append("  equal to serial grading: " + ("yes" if figures["equal_to_serial"] else "no: " + "; ".join(figures["score_differences"]))
                     + f" (serial nbgrader autograde of the class: {figures['serial_autograde_s']:.0f} s)")
    latency = figures.get("submit_to_feedback_s", {})
    if latency.get("n"):
        lines.append(f"  time from submit to released feedback: median {latency['median']:.0f} s, max {latency['max']:.0f} s "
                     f"(all handled {figures['handled_after_s']:.0f} s after the submissions began)")
    if "server_start_s" in figures:
        start = figures["server_start_s"]
        lines.append(f"  server start via the API ({start['concurrency']} at a time): median {start['median']:.1f} s, max {start['max']:.1f} s")
    peaks = figures.get("memory_peak_bytes")
    if peaks:
        lines.append(f"  peak memory (RSS summed, sampled every 0.5 s, {figures['memory_samples']} samples): "
                     f"hub + proxy {_gb(peaks['hub'])}; graders (feedback on submit and all under it) {_gb(peaks['graders'])}; "
                     f"students' servers together {_gb(peaks['servers'])}; formgrader {_gb(peaks['formgrader'])}; "
                     f"gradebook (PostgreSQL) {_gb(peaks['gradebook'])}; the machine's memory in use "
                     f"(shared pages once, everyone's) {_gb(peaks['machine in use'])}, "
                     f"{_gb(peaks['machine in use at the start'])} when the class had started")
    if "left_running_after_stop" in figures:
        left = figures["left_running_after_stop"]
        lines.append("  stopped cleanly: " + ("yes" if not left else f"no, {len(left)} process(es) left running (ended by the bench)"))
    lines.append(f"  bench wall time: {figures['wall_s'] / 60:.1f} min")
    return "\n".join(lines)


def _end_leftovers(top, grace=10):
    """The command lines of the class's processes still running after ``stop`` (reported), each
    ended by its pid."""
    deadline = time.time() + grace
    while (leftovers := load.processes_naming(top)) and time.time() < deadline:
        time.sleep(1)
    named = []
    for process in leftovers:
        try:
            named.append(" ".join(process.cmdline())[:300])
            process.kill()
        except load.psutil.Error:
            pass
    if named:
        print(f"stop left {len(named)} process(es) of the class running (ended now):\n  " + "\n  ".join(named),
              file=sys.stderr)
    return named


def _interrupt(*_):
    raise KeyboardInterrupt


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tools.classroom.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--start-concurrency", type=int, default=5, help="servers started at once (default 5)")
    parser.add_argument("--timeout", type=int, help="longest wait for the feedback, s (default 120 + 60 a student)")
    parser.add_argument("--json", default=str(DEFAULT_JSON))
    args = parser.parse_args(argv)
    args.timeout = args.timeout or 120 + 60 * args.students
    if not layout.is_root():
        sys.exit("The classroom bench creates Unix accounts: run it as root.")
    signal.signal(signal.SIGTERM, _interrupt)
    begun = time.time()
    top = Path(tempfile.mkdtemp(prefix="classroom bench "))
    os.chmod(top, 0o755)
    folder, prefix = top / "run", f"b{os.getpid() % 100000}-"
    figures = {"students": args.students, "machine": load.machine()}
    users = [name for group in accounts.names(prefix, args.students) for name in group]
    failed = None
    try:
        course_root = make_course(top / "my course", [AID])
        started = classroom_command("start", "--students", str(args.students), "--prefix", prefix, "--port", "0",
                                    "--run-dir", str(folder), "--course-root", str(course_root),
                                    "--feedback-on-submit", AID)
        if started.returncode != 0:
            raise RuntimeError(f"start failed:\n{started.stdout}\n{started.stderr}")
        measure(layout.Run.load(folder), printed_accounts(started.stdout), args, figures)
    except BaseException as error:           # Ctrl-C too: the class is stopped below either way
        failed = error
    finally:
        stopped = classroom_command("stop", "--purge", "--run-dir", str(folder))
        accounts.remove([name for name in users if accounts.exists(name)])
        left = [name for name in users if accounts.exists(name)]
        figures["left_running_after_stop"] = _end_leftovers(top)
        shutil.rmtree(top, ignore_errors=True)
        figures["wall_s"] = time.time() - begun
        if stopped.returncode != 0 or left:
            print(f"stop failed or left accounts {left}:\n{stopped.stdout}\n{stopped.stderr}", file=sys.stderr)
    print(report(figures))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(figures, indent=1, default=str))
    print(f"Figures: {args.json}")
    if failed is not None:
        if isinstance(failed, KeyboardInterrupt):
            print("Interrupted: the class is stopped and its accounts removed.", file=sys.stderr)
            return 130
        raise failed
    clean = not figures["left_running_after_stop"]
    return 0 if figures.get("handled_once") and figures.get("equal_to_serial") and clean else 1


if __name__ == "__main__":
    sys.exit(main())
