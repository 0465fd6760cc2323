"""Autograde a whole class in parallel: ``make autograde ASSIGNMENT=<id> [WORKERS=n]``.

Submissions are graded by real ``nbgrader autograde`` processes, N at once (default: the
number of cores), with a progress bar and a summary of graded and failed submissions. Each
process grades a chunk of up to ``CHUNK`` students (``--CourseDirectory.student_id_exclude``
leaves out the others), so nbgrader's own start, about a second and a half, is paid once per
chunk rather than once per student. A student whom the chunk's process did not grade (a
notebook nbgrader cannot read, a process that died) is graded again alone, with
``--student=<student>``: one broken submission costs its chunk nothing, and its failure
is reported with its own reason. Every submission ends either recorded in the gradebook or
listed as failed with the reason; none is silently lost.

The gradebook is the course's (SQLite by default, waiting up to a minute for a lock, see
nbgrader_config.py; or PostgreSQL through COURSE_DB_URL).

    python -m tools.autograde 01_autograd [--workers 4] [--root PATH] [--student PATTERN]
"""
import argparse
import fnmatch
import math
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from tools.common.courses import nbgrader
from tools.common.paths import REPO
from tools.grader import sandbox, submitted_files

CHUNK = 10      # students per nbgrader process at most


@dataclass
class Outcome:
    student: str
    ok: bool
    seconds: float
    reason: str = ""
    note: str = ""          # what the grader repaired before grading (a renamed notebook)


def rescue_renamed_notebook(root, aid, student):
    """A student who saved the notebook under another name would get no grade at all (nbgrader
    grades notebooks by their released name). If the expected notebook is missing and the
    folder holds exactly one other notebook, grade that one under the expected name."""
    expected = sorted(p.name for p in (Path(root) / "source" / aid).glob("*.ipynb"))
    folder = Path(root) / "submitted" / student / aid
    present = sorted(p.name for p in folder.glob("*.ipynb"))
    missing = [name for name in expected if name not in present]
    others = [name for name in present if name not in expected]
    if len(expected) == 1 and missing and len(others) == 1:
        (folder / missing[0]).write_bytes((folder / others[0]).read_bytes())
        return f"notebook '{others[0]}' graded as '{missing[0]}'"
    return ""


def submitted_students(root, aid, pattern="*"):
    folder = Path(root) / "submitted"
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if (p / aid).is_dir() and fnmatch.fnmatch(p.name, pattern))


def _reason(done):
    """The most telling line of a failed nbgrader run: the grader's own reason (``GradingFault``,
    with what the kernel said) where there is one, else the last error line."""
    lines = (done.stdout + done.stderr).splitlines()
    faults = [l.split("GradingFault:", 1)[1] for l in lines if "GradingFault:" in l]
    errors = [l for l in lines if ("ERROR" in l or "Error" in l) and "Please see" not in l
              and "There was an error processing assignment" not in l
              and "Interrupting kernel" not in l and "Kernel died while waiting" not in l]
    return ((faults or errors or lines or ["exit status %d" % done.returncode])[-1]).strip()[:500]


def restore_lost_metadata(root, aid, student):
    """nbgrader cannot grade a notebook whose cells all lost their nbgrader metadata (copied
    into a fresh notebook): its test cells cannot be matched. If the cells line up one to one
    with the release (same number, same types), the release's metadata is put back by position."""
    import nbformat
    notes = []
    for released in sorted((Path(root) / "release" / aid).glob("*.ipynb")):
        path = Path(root) / "submitted" / student / aid / released.name
        try:
            nb = nbformat.read(str(path), as_version=4)
        except Exception:
            continue            # missing or unreadable: nbgrader reports it
        if any("nbgrader" in cell.metadata for cell in nb.cells):
            continue
        release = nbformat.read(str(released), as_version=4)
        if [c.cell_type for c in nb.cells] != [c.cell_type for c in release.cells]:
            continue
        for cell, original in zip(nb.cells, release.cells):
            cell.metadata = original.metadata
        nbformat.write(nb, str(path))
        notes.append(f"nbgrader metadata of '{released.name}' restored from the release")
    return "; ".join(notes)


def prepare(root, aid, student):
    """Repairs made before grading (see the two functions above); returns what was done. A
    submission holding a symbolic link is left alone: nbgrader refuses it, saying why."""
    if submitted_files.unsafe_entries(Path(root) / "submitted" / student / aid):
        return ""
    return "; ".join(filter(None, [rescue_renamed_notebook(root, aid, student),
                                   restore_lost_metadata(root, aid, student)]))


def grade_one(root, aid, student, extra_args=(), note=None):
    """Grade one student in an nbgrader process of its own. ``note``: the repairs already made
    by ``prepare`` (else it is called here)."""
    started = time.time()
    note = prepare(root, aid, student) if note is None else note
    done = nbgrader(root, "autograde", aid, f"--student={student}", "--force", *extra_args, check=False)
    # nbgrader exits non-zero when a notebook could not be graded (invalid JSON ...); log lines
    # saying ERROR alone (a kernel that died, a cell that timed out) are graded faults.
    graded = (Path(root) / "autograded" / student / aid).is_dir() and any(
        (Path(root) / "autograded" / student / aid).glob("*.ipynb"))
    failed = done.returncode != 0 or not graded
    return Outcome(student, not failed, time.time() - started, _reason(done) if failed else "", note)


def _graded_since(root, aid, student, since):
    folder = Path(root) / "autograded" / student / aid
    return folder.is_dir() and any(p.stat().st_mtime >= since for p in folder.glob("*.ipynb"))


def grade_chunk(root, aid, students, extra_args=()):
    """Grade ``students`` in one nbgrader process; returns their ``Outcome``s. nbgrader removes
    the output of a submission it failed on, and ``--force`` replaces old output, so a student
    is graded exactly when a notebook newer than the start is in ``autograded/``; any other is
    graded again alone by ``grade_one``."""
    chosen = set(students)
    others = [p.name for p in (Path(root) / "submitted").iterdir() if p.name not in chosen]
    if len(students) == 1 or any("," in name for name in others):    # an exclude list would misread it
        return [grade_one(root, aid, student, extra_args) for student in students]
    started = time.time()
    notes = {student: prepare(root, aid, student) for student in students}
    nbgrader(root, "autograde", aid, "--student=*", "--force",
             f"--CourseDirectory.student_id_exclude={','.join(others)}", *extra_args, check=False)
    share = (time.time() - started) / len(students)
    return [Outcome(student, True, share, "", notes[student]) if _graded_since(root, aid, student, started)
            else grade_one(root, aid, student, extra_args, note=notes[student]) for student in students]


def chunks(students, workers, chunk=None):
    """Split ``students`` into runs for the workers: at most ``CHUNK`` per run, and at least
    three runs per worker so the load stays even; ids that a comma-separated exclude list or a
    glob would misread get a run of their own."""
    plain = [s for s in students if not any(ch in s for ch in ",*?[]")]
    size = chunk or max(1, min(CHUNK, math.ceil(len(plain) / (3 * workers))))
    runs = [plain[i:i + size] for i in range(0, len(plain), size)]
    return runs + [[s] for s in students if s not in set(plain)]


def autograde_class(root, aid, workers=None, pattern="*", show_progress=True, extra_args=(), chunk=None):
    """Grade every submitted student of ``aid``; returns a list of ``Outcome``s.
    ``extra_args`` go to each ``nbgrader autograde`` (e.g. ``--Execute.timeout=20``);
    ``chunk`` fixes the students per nbgrader process (1: a process per student)."""
    if sandbox.enabled():
        sandbox.check_available()      # say how to fix it once, not once per student
    students = submitted_students(root, aid, pattern)
    workers = max(1, workers or os.cpu_count() or 1)
    outcomes = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(grade_chunk, root, aid, run, extra_args) for run in chunks(students, workers, chunk)]
        bar = tqdm(total=len(students), desc=f"autograde {aid}", unit="submission", disable=not show_progress)
        for future in as_completed(futures):
            done = future.result()
            outcomes += done
            bar.update(len(done))
        bar.close()
    return sorted(outcomes, key=lambda o: o.student)


def summary(aid, outcomes, seconds):
    """Graded and failed counts, then each reason for failing once, with the students it hit."""
    graded = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok]
    lines = [f"{aid}: {len(graded)} graded, {len(failed)} failed, in {seconds:.0f} s"]
    by_reason = {}
    for outcome in failed:
        by_reason.setdefault(outcome.reason, []).append(outcome.student)
    for reason, students in by_reason.items():
        lines.append(f"  FAILED ({len(students)}): {reason}")
        lines.append(f"    {', '.join(students)}")
    lines += [f"  note {o.student}: {o.note}" for o in outcomes if o.note]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignment")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--root", default=str(REPO))
    parser.add_argument("--student", default="*", help="glob of student ids")
    args = parser.parse_args(argv)
    try:
        sandbox.check_available() if sandbox.enabled() else None
    except sandbox.SandboxUnavailable as error:
        sys.exit(f"Cannot grade safely: {error}")
    started = time.time()
    outcomes = autograde_class(args.root, args.assignment, args.workers, args.student)
    print(summary(args.assignment, outcomes, time.time() - started))
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
