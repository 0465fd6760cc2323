"""``make classroom`` and ``make classroom-stop`` (see tools/classroom/__init__.py)."""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tools.classroom import accounts, early_feedback, exchange, hubconfig, layout
from tools.common.paths import REPO, course_env
from tools.lab import free_port

START_TIMEOUT = 180


def _alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except (OSError, TypeError):
        return False


def _log_tail(run, chars=3000):
    return run.log.read_text(errors="replace")[-chars:] if run.log.exists() else ""


def _wait_for_hub(run, process):
    deadline = time.time() + START_TIMEOUT
    while time.time() < deadline:
        if process.poll() is not None:
            return f"the classroom exited ({process.returncode})"
        try:
            with urllib.request.urlopen(run.url + "hub/api", timeout=5) as answer:
                if answer.status == 200:
                    return None
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    return f"the hub did not answer within {START_TIMEOUT} s"


def start(args):
    if not layout.is_root():
        sys.exit("make classroom creates Unix accounts and runs each user's server as that user: run it as root.")
    if not (layout.HUB_VENV / ".installed").exists():
        sys.exit(f"The hub is not installed ({layout.HUB_VENV}); `make classroom` installs it.")
    folder = Path(args.run_dir).resolve()
    if layout.running(folder):
        sys.exit(f"A class is already running in {folder}; `make classroom-stop` ends it.")
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o755)             # the postgres user and the students' sandboxes pass through it
    students = accounts.class_list(args.class_list) if args.class_list else args.students
    instructors, assistants, students = accounts.names(args.prefix, students)
    run = layout.Run(folder, Path(args.course_root).resolve(), args.prefix, free_port(args.port),
                     instructors, assistants, students)
    exchange.create(run.exchange, layout.COURSE_ID)
    hubconfig.write_student_config(run)
    hubconfig.write_instructor_config(run)
    hubconfig.write_hub_config(run)
    # The students' sandboxes read the data and cannot write it: it is fetched (real CIFAR-10 where
    # it can be downloaded, else the synthetic set) before the class starts.
    from course.data import cifar10
    cifar10(train=True), cifar10(train=False)
    for aid in args.feedback_on_submit.split(",") if args.feedback_on_submit else []:
        early_feedback.set_policy(run, aid.strip(), args.early_feedback)
    passwords = accounts.create(run.users)
    run.save()
    with open(run.log, "a") as log:
        process = subprocess.Popen([sys.executable, "-m", "tools.classroom.serve", str(folder)], cwd=REPO,
                                   env=course_env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    run.supervisor_pid = process.pid
    run.save()
    failure = _wait_for_hub(run, process)
    if failure:
        print(f"The classroom did not start: {failure}. Its log ({run.log}) ends with:\n{_log_tail(run)}",
              file=sys.stderr)
        stop(argparse.Namespace(run_dir=str(folder), purge=False))
        return 1
    print(f"The classroom is running: {run.url}  (make classroom-stop ends it)")
    print(f"Course root: {run.course_root}; nbgrader's exchange: {run.exchange}")
    print("Accounts (the passwords are shown only now):")
    roles = {**{n: "instructor" for n in instructors}, **{n: "teaching assistant" for n in assistants},
             **{n: "student" for n in students}}
    for name in run.users:
        print(f"  {roles[name]:<19} {name:<24} {passwords[name]}")
    print(f"Instructors and assistants: the formgrader is at {run.url}services/{layout.COURSE_ID}/formgrader")
    print(f"  and the class report at {run.url}services/{layout.COURSE_ID}/class-report")
    on = early_feedback.policies(run)
    print("Feedback on submit: " + (", ".join(f"{aid} ({policy})" for aid, policy in sorted(on.items())) if on else "off")
          + " (python -m tools.classroom feedback-on-submit AID --policy full|visible|off changes it)")
    print(f"The instructors' shell: export JUPYTER_CONFIG_PATH='{run.instructor_config}' "
          f"COURSE_DB_URL=\"$(cat '{run.gradebook_url_file}')\"")
    return 0


def stop(args):
    folder = Path(args.run_dir).resolve()
    if not layout.running(folder):
        print(f"No class is running in {folder}.")
        return 0
    run = layout.Run.load(folder)
    if run.supervisor_pid and _alive(run.supervisor_pid):
        os.kill(run.supervisor_pid, signal.SIGTERM)
        deadline = time.time() + 90
        while _alive(run.supervisor_pid) and time.time() < deadline:
            try:
                os.waitpid(run.supervisor_pid, os.WNOHANG)      # our child when start failed
            except ChildProcessError:
                pass
            time.sleep(0.5)
        if _alive(run.supervisor_pid):
            os.kill(run.supervisor_pid, signal.SIGKILL)
    accounts.remove(run.users)
    kept = set() if args.purge else {run.gradebook.name}
    for entry in folder.iterdir():
        if entry.name not in kept:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    if args.purge:
        folder.rmdir()
    print(f"The class in {folder} is stopped; its accounts ({', '.join(run.users)}) are removed"
          + ("." if args.purge else f"; its gradebook is kept in {run.gradebook}."))
    return 0


def feedback_on_submit(args):
    folder = Path(args.run_dir).resolve()
    if not folder.is_dir():
        sys.exit(f"No class is running in {folder}.")
    # Only the folder matters here (the service's on Kubernetes has no state.json of a local class).
    on = early_feedback.set_policy(layout.Run(folder), args.assignment, args.policy)
    print("Feedback on submit: " + (", ".join(f"{aid} ({policy})" for aid, policy in sorted(on.items())) or "off"))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tools.classroom", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    begin = sub.add_parser("start", help="create the accounts and the exchange, start the hub")
    begin.add_argument("--port", type=int, default=8000, help="the hub's port on 127.0.0.1 (default 8000, or a free one)")
    begin.add_argument("--students", type=int, default=3, help="how many students (default 3)")
    begin.add_argument("--class-list", help="a CSV file of students (column 'username'), instead of --students")
    begin.add_argument("--prefix", default=layout.DEFAULT_PREFIX, help="of every account's name (default %(default)s)")
    begin.add_argument("--course-root", default=str(REPO), help="the nbgrader course root (default: this repository)")
    begin.add_argument("--feedback-on-submit", metavar="AIDS",
                       help="assignments (comma-separated) whose submissions get feedback at once")
    begin.add_argument("--early-feedback", choices=early_feedback.POLICIES, default="full",
                       help="what that feedback shows: every check (full, the default) or the visible ones")
    end = sub.add_parser("stop", help="stop the hub and remove the accounts")
    end.add_argument("--purge", action="store_true", help="also delete the gradebook and the run folder")
    switch = sub.add_parser("feedback-on-submit", help="switch feedback on submit for an assignment")
    switch.add_argument("assignment")
    switch.add_argument("--policy", choices=[*early_feedback.POLICIES, "off"], default="full")
    for command in (begin, end, switch):
        command.add_argument("--run-dir", default=str(layout.DEFAULT_RUN))
    args = parser.parse_args(argv)
    return {"start": start, "stop": stop, "feedback-on-submit": feedback_on_submit}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
