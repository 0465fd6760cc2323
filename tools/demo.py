"""``make demo``: the whole instructor cycle, offline, on the SQLite gradebook in the course root.

1. generate the release of every assignment in source/ (nbgrader generate_assignment);
2. build a demo class from the release: the reference solution, an untouched release and
   three students whose answers contain realistic mistakes from catalogue/;
3. nbgrader autograde, generate_feedback and export;
4. print the grade table and where the feedback lies.

Demo students are called demo-*, so the demo never touches real students' work.
"""
import argparse
import shutil
import sys
import time

from course import data
from tools.autograde import autograde_class, summary
from tools.catalogue import submissions
from tools.common.courses import nbgrader, released
from tools.common.gradebook import format_table, scores
from tools.common.paths import REPO, assignments
from tools.grader import sandbox

STUDENTS = ["demo-reference", "demo-untouched", "demo-student-1", "demo-student-2", "demo-student-3"]


def build_class(root, aid):
    """Write the demo submissions of one assignment; returns {student: description}."""
    release, _, reference = released(root, aid)
    wrong = [c for c in submissions.load_cases(aid) if c.kind == "wrong"]
    made = {"demo-reference": ("reference solution", reference),
            "demo-untouched": ("release, nothing filled in", release)}
    for i, student in enumerate(STUDENTS[2:]):
        if wrong:
            case = wrong[(i * 5) % len(wrong)]
            made[student] = (f"{case.exercise}: {case.why or case.name}", submissions.apply_case(reference, case))
    for student, (_, nb) in made.items():
        shutil.rmtree(root / "submitted" / student / aid, ignore_errors=True)
        submissions.write_submission(root, student, aid, nb)
    return {s: d for s, (d, _) in made.items()}


def main(root=REPO, only=None):
    """Run the demo in ``root`` (for the assignments ``only``, default all); returns the exit
    status: 1 when a submission could not be graded (the table still shows the others)."""
    started = time.time()
    if sandbox.enabled():
        try:
            sandbox.check_available()
        except sandbox.SandboxUnavailable as error:
            print(f"Cannot grade safely: {error}", file=sys.stderr)
            return 1
    print("== 1. Data")
    test_set = data.cifar10(train=False)
    print("   " + data.describe(test_set))
    print("== 2. Release (nbgrader generate_assignment, which also records the assignment in the gradebook)")
    chosen = [aid for aid in assignments(root / "source") if not only or aid in only]
    for aid in chosen:
        nbgrader(root, "generate_assignment", aid, "--force")
        print(f"   released {aid} -> release/{aid}/")
    for student in STUDENTS:
        nbgrader(root, "db", "student", "add", student, "--last-name", student.split("-", 1)[1],
                 "--first-name", "Demo")
    described, failed = {}, set()
    for aid in chosen:
        print(f"== 3. {aid}: demo class, autograde, feedback")
        for student, what in build_class(root, aid).items():
            described.setdefault(student, []).append(f"{aid}: {what}")
        outcomes = autograde_class(root, aid, pattern="demo-*", show_progress=False)
        print("   " + summary(aid, outcomes, sum(o.seconds for o in outcomes)).replace("\n", "\n   "))
        failed |= {(o.student, aid) for o in outcomes if not o.ok}
        if any(o.ok for o in outcomes):     # nbgrader removed the output of those it could not grade
            nbgrader(root, "generate_feedback", aid, "--force", "--student=demo-*")
    nbgrader(root, "export", "--to", "grades.csv")
    table = {k: v for k, v in scores(root).items() if k[0] in STUDENTS and k[1] in chosen and k not in failed}
    print("\n== Grades (from gradebook.db; also exported to grades.csv)\n")
    print(format_table(table, students=STUDENTS, assignments=chosen, failed=failed))
    print("\nWho is who:")
    for student in STUDENTS[2:]:
        for line in described.get(student, []):
            print(f"  {student}: {line}")
    print(f"\nFeedback HTML: {root / 'feedback'}/<student>/<assignment>/<assignment>.html")
    print(f"Autograded notebooks: {root / 'autograded'}/<student>/<assignment>/")
    if data.is_synthetic(test_set):
        print("NOTE: CIFAR-10 could not be downloaded, so the CIFAR assignments ran on SYNTHETIC data.")
    print(f"Done in {time.time() - started:.0f} s.")
    if failed:
        print(f"{len(failed)} submission(s) could not be graded (FAILED above; the reasons are listed under "
              "each assignment).")
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", metavar="ASSIGNMENT", help="these assignments only")
    sys.exit(main(only=parser.parse_args().only))
