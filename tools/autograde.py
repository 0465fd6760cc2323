"""Autograde a whole class in parallel: ``make autograde ASSIGNMENT=<id> [WORKERS=n]``.

Each submission is graded by a real ``nbgrader autograde <id> --student=<student>`` process;
N of them run at once (default: the number of cores), with a progress bar and a summary of
graded and failed submissions. Every submission ends either recorded in the gradebook or
listed as failed with the reason; none is silently lost.

The gradebook is the course's (SQLite by default, waiting up to a minute for a lock, see
nbgrader_config.py; or PostgreSQL through COURSE_DB_URL).

    python -m tools.autograde 01_autograd [--workers 4] [--root PATH] [--student PATTERN]
"""
import argparse
import fnmatch
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from tools.nbgrader_cli import REPO, nbgrader


@dataclass
class Outcome:
    student: str
    ok: bool
    seconds: float
    reason: str = ""


def submitted_students(root, aid, pattern="*"):
    folder = Path(root) / "submitted"
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if (p / aid).is_dir() and fnmatch.fnmatch(p.name, pattern))


def _reason(done):
    """The most telling line of a failed nbgrader run."""
    lines = (done.stdout + done.stderr).splitlines()
    errors = [l for l in lines if "ERROR" in l or "Error" in l]
    return ((errors or lines or ["exit status %d" % done.returncode])[-1]).strip()[:300]


def grade_one(root, aid, student):
    started = time.time()
    done = nbgrader(root, "autograde", aid, f"--student={student}", "--force", check=False)
    failed = done.returncode != 0 or "[AutogradeApp | ERROR]" in done.stdout + done.stderr
    return Outcome(student, not failed, time.time() - started, _reason(done) if failed else "")


def autograde_class(root, aid, workers=None, pattern="*", show_progress=True):
    """Grade every submitted student of ``aid``; returns a list of ``Outcome``s."""
    students = submitted_students(root, aid, pattern)
    workers = max(1, workers or os.cpu_count() or 1)
    outcomes = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(grade_one, root, aid, s) for s in students]
        bar = tqdm(total=len(futures), desc=f"autograde {aid}", unit="submission", disable=not show_progress)
        for future in as_completed(futures):
            outcomes.append(future.result())
            bar.update(1)
        bar.close()
    return sorted(outcomes, key=lambda o: o.student)


def summary(aid, outcomes, seconds):
    graded = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    lines = [f"{aid}: {len(graded)} graded, {len(failed)} failed, in {seconds:.0f} s"]
    lines += [f"  FAILED {o.student}: {o.reason}" for o in failed]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignment")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--root", default=str(REPO))
    parser.add_argument("--student", default="*", help="glob of student ids")
    args = parser.parse_args(argv)
    started = time.time()
    outcomes = autograde_class(args.root, args.assignment, args.workers, args.student)
    print(summary(args.assignment, outcomes, time.time() - started))
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
