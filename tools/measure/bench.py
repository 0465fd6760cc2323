"""``make bench``: how long students and instructors wait, as ratios measured side by side.

1. Data pipeline (``tools/measure/pipeline.py``): one training epoch of the CIFAR MLP (512-256)
   on 2,000 images through the course's path, the lecture's path and the compute floor.
   Targets: lecture/course >= 5, course/floor <= 1.3.
2. Autograde cost per submission (the reference, grading mode: one ``nbgrader autograde``
   command, sandbox on, hidden tests in the grading worker) against a bare nbclient execution
   of the same notebook; also per submission when one process grades a chunk of them
   (``tools.autograde.CHUNK``, the most ``make autograde`` gives one process). Target <= 1.3.
3. Class scale: N submissions of one assignment, parallel against serial nbgrader autograde.
   Target: speedup >= 0.8 x cores, identical grades, no lock errors.
4. Notebook wall time at full size and in grading mode.

    python -m tools.measure.bench [--class-size 100] [--skip-full] [--only 1,2,3,4] [--assignments 01_autograd,...]
"""
import argparse
import os
import tempfile
import time
from pathlib import Path

from tools.autograde import CHUNK, autograde_class
from tools.catalogue import submissions
from tools.common.courses import nbgrader, scratch_course
from tools.common.gradebook import scores
from tools.common.paths import REPO, assignments
from tools.measure import notebook_run, pipeline


def _nbclient_seconds(nb, cwd, grading=True):
    return notebook_run.execute(nb, cwd, grading=grading, timeout=3600)[1]


def bench_autograde_cost(ids, scratch, rounds=3, chunk=CHUNK):
    print(f"2. Autograde cost per submission (reference, grading mode, sandbox on) vs bare nbclient, best of {rounds};\n"
          f"   'in a chunk': one nbgrader process grading {chunk} submissions (make autograde's chunk), per submission")
    for aid in ids:
        course = scratch_course(Path(scratch) / f"cost-{aid}", aid)
        root, reference = course.root, course.reference
        submissions.write_submission(root, "warmup", aid, reference)
        nbgrader(root, "autograde", aid, "--student=warmup")     # file caches warm for both sides
        # The baseline runs what the kernel ran (the autograded notebook); the hidden tests run
        # outside it, in the grading worker, so they are on the grader's side of the ratio only.
        graded = submissions.read(root / "autograded" / "warmup" / aid / f"{aid}.ipynb")
        t_grade, t_bare = [], []
        for i in range(rounds):                                  # interleaved: drifts hit both sides
            submissions.write_submission(root, f"ref{i}", aid, reference)
            start = time.perf_counter()
            nbgrader(root, "autograde", aid, f"--student=ref{i}")
            t_grade.append(time.perf_counter() - start)
            t_bare.append(_nbclient_seconds(graded, root / "submitted" / f"ref{i}" / aid))
        for i in range(chunk):
            submissions.write_submission(root, f"chunk{i}", aid, reference)
        start = time.perf_counter()
        nbgrader(root, "autograde", aid, "--student=chunk*")
        t_chunk = (time.perf_counter() - start) / chunk
        t_grade, t_bare = min(t_grade), min(t_bare)
        print(f"   {aid}: autograde {t_grade:.1f} s, in a chunk {t_chunk:.1f} s | nbclient {t_bare:.1f} s | "
              f"ratio {t_grade / t_bare:.2f}, in a chunk {t_chunk / t_bare:.2f} (target <= 1.3)")


def bench_class(aid, size, scratch):
    print(f"3. Class scale: {size} submissions of {aid}, parallel ({os.cpu_count()} workers) vs serial")
    roots = {}
    for mode in ("serial", "parallel"):
        course = scratch_course(Path(scratch) / f"class-{mode}", aid)
        root, release, reference = course.root, course.release, course.reference
        cases = submissions.load_cases(aid)
        for i in range(size):
            nb = release if i % 10 == 9 else (submissions.apply_case(reference, cases[i % len(cases)])
                                               if cases and i % 2 else reference)
            submissions.write_submission(root, f"s{i:03d}", aid, nb)
        roots[mode] = root
    start = time.perf_counter()
    nbgrader(roots["serial"], "autograde", aid)
    t_serial = time.perf_counter() - start
    start = time.perf_counter()
    outcomes = autograde_class(roots["parallel"], aid, show_progress=False)
    t_parallel = time.perf_counter() - start
    a, b = scores(roots["serial"]), scores(roots["parallel"])
    same = all(a[k]["cells"] == b[k]["cells"] for k in a) and set(a) == set(b)
    failures = [o for o in outcomes if not o.ok]
    speedup = t_serial / t_parallel
    print(f"   serial {t_serial:.0f} s | parallel {t_parallel:.0f} s | speedup {speedup:.2f}x "
          f"(target >= {0.8 * os.cpu_count():.1f}) | identical grades: {same} | failed: {len(failures)}"
          f" | lock errors: {sum('locked' in o.reason for o in outcomes)}")


def bench_wall_times(ids, scratch, full=True):
    print("4. Notebook wall time (reference solution, nbclient)")
    for aid in ids:
        course = scratch_course(Path(scratch) / f"wall-{aid}", aid)
        reference, cwd = course.reference, course.root / "release" / aid
        grading = _nbclient_seconds(reference, cwd, grading=True)
        full_size = f"{_nbclient_seconds(reference, cwd, grading=False):.0f} s" if full else "skipped"
        print(f"   {aid}: grading mode {grading:.0f} s | full size {full_size}")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--class-size", type=int, default=100)
    parser.add_argument("--class-assignment", default="01_autograd")
    parser.add_argument("--skip-full", action="store_true", help="skip full-size notebook runs")
    parser.add_argument("--only", default="1,2,3,4")
    parser.add_argument("--assignments", help="comma-separated ids for figures 2 and 4 (default: all)")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    ids = args.assignments.split(",") if args.assignments else assignments(REPO / "source")
    print(f"Machine: {pipeline.machine()}\n")
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        if "1" in only:
            pipeline.report("cpu", detail=True)
        if "2" in only:
            bench_autograde_cost(ids, scratch)
        if "3" in only:
            bench_class(args.class_assignment, args.class_size, scratch)
        if "4" in only:
            bench_wall_times(ids, scratch, full=not args.skip_full)


if __name__ == "__main__":
    main()
