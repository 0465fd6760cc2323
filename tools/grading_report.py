"""``make grading-report``: does the grader catch every mistake and accept every correct answer?

Grades the whole catalogue (``catalogue/<id>/``) of each assignment with real nbgrader in
temporary course folders (assignments in parallel, one worker per core) and prints, per
assignment, how many wrong solutions were caught, how many correct alternatives earned full
marks, and the message each wrong solution got. A wrong solution counts as caught when it
loses points on its own exercise's test cells and on no other exercise's; a message that names
another likely mistake than the case's own (``tools.catalogue.naming``) is flagged MISNAMED.

    python -m tools.grading_report [assignment ...]
"""
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools.catalogue import submissions
from tools.catalogue.naming import naming_problems
from tools.catalogue.grade import grade_catalogue
from tools.common.paths import REPO, assignments


def verdicts(course):
    """[(case, caught_or_accepted: bool, message)] for every case of a graded course."""
    out = []
    reference = course.scores[("reference", course.aid)]
    for case in course.cases:
        student = course.student(case)
        result = course.scores.get((student, course.aid))
        messages = course.messages.get(student, {})
        if result is None:
            out.append((case, False, "not graded"))
        elif case.kind == "wrong":
            own = [messages.get(cell, "") for cell in case.fails]
            caught = result["code_score"] < reference["code_score"] and all(
                result["cells"][cell][0] < result["cells"][cell][1] for cell in case.fails)
            elsewhere = lost_elsewhere(course, case, result)
            message = " | ".join(m for m in own if m) or "(no message)"
            if elsewhere:
                message += f"\n      ALSO LOST: {', '.join(elsewhere)} (cells of other exercises)"
            for problem in naming_problems(case, messages):
                message += f"\n      MISNAMED: {problem}"
            out.append((case, caught and not elsewhere, message))
        else:
            accepted = result["code_score"] == result["max_code_score"]
            out.append((case, accepted, "; ".join(f"{k}: {v}" for k, v in messages.items())))
    return out


def lost_elsewhere(course, case, result):
    """Test cells of other exercises on which a wrong case lost points (one mistake, one cost)."""
    own = set(submissions.test_cells_of(course.source, case.exercise))
    return sorted(cell for cell, (score, most) in result["cells"].items()
                  if cell not in own and score is not None and score < most)


def report(course):
    lines, rows = [], verdicts(course)
    wrong = [(c, ok, m) for c, ok, m in rows if c.kind == "wrong"]
    alternatives = [(c, ok, m) for c, ok, m in rows if c.kind == "alternative"]
    lines.append(f"## {course.aid}: {sum(ok for _, ok, _ in wrong)}/{len(wrong)} wrong solutions caught, "
                 f"{sum(ok for _, ok, _ in alternatives)}/{len(alternatives)} alternatives accepted")
    for case, ok, message in wrong:
        lines.append(f"  [{'caught' if ok else 'MISSED'}] {case.name} ({case.why})\n      -> {message}")
    for case, ok, message in alternatives:
        lines.append(f"  [{'accepted' if ok else 'REJECTED'}] {case.name} ({case.why})" + ("" if ok else f"\n      -> {message}"))
    return "\n".join(lines), len(wrong), sum(ok for _, ok, _ in wrong), len(alternatives), sum(ok for _, ok, _ in alternatives)


def main(argv):
    ids = argv or assignments(REPO / "source")
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="grading-report-") as scratch:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            courses = list(pool.map(lambda aid: grade_catalogue(aid, Path(scratch) / aid), ids))
        totals = [0, 0, 0, 0]
        for course in courses:
            text, *counts = report(course)
            print(text + "\n")
            totals = [a + b for a, b in zip(totals, counts)]
    print(f"TOTAL: {totals[1]}/{totals[0]} wrong solutions caught, {totals[3]}/{totals[2]} alternatives accepted "
          f"({time.time() - started:.0f} s)")
    return 0 if totals[0] == totals[1] and totals[2] == totals[3] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
