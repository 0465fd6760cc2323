"""A small realistic class of 02_gradient_descent for the report's tests: real ``nbgrader
autograde`` on a throwaway course, as ``tools/demo.py`` grades its demo class.

Students: the reference solution (written answers graded), the release handed back untouched
(nbgrader scores its unchanged written answers 0 itself), two catalogue mistakes (written
answers graded; one of them submitted after the due date), and the reference again with its
written answers still to grade."""
from nbgrader.api import Gradebook

from tools.catalogue import submissions
from tools.common.courses import nbgrader, released, make_course
from tools.common.gradebook import db_url

AID = "02_gradient_descent"
DUE = "2026-01-10 12:00:00 UTC"
ON_TIME, LATE = "2026-01-09 12:00:00.000000 UTC", "2026-01-11 12:00:00.000000 UTC"
MISTAKES = {"report-sign": "gd_step_sign_flipped", "report-late": "train_epoch_zero_grad_once"}
STUDENTS = ["report-reference", "report-untouched", *MISTAKES, "report-to-grade"]
TO_GRADE = "report-to-grade"


def build(root):
    """The course root, autograded, feedback generated; returns it."""
    make_course(root, [AID])
    nbgrader(root, "generate_assignment", AID, "--force")
    nbgrader(root, "db", "assignment", "add", AID, f"--duedate={DUE}")
    release, _, reference = released(root, AID)
    cases = {c.name: c for c in submissions.load_cases(AID)}
    made = {"report-reference": reference, "report-untouched": release, TO_GRADE: reference,
            **{student: submissions.apply_case(reference, cases[name]) for student, name in MISTAKES.items()}}
    for student, nb in made.items():
        nbgrader(root, "db", "student", "add", student, "--first-name", "Report", "--last-name", student)
        folder = submissions.write_submission(root, student, AID, nb)
        (folder / "timestamp.txt").write_text(LATE if student == "report-late" else ON_TIME)
    # Our own notebooks are trusted: graded without the sandbox, as the catalogue is.
    nbgrader(root, "autograde", AID, "--force", env={"COURSE_SANDBOX": "0"})
    grade_written_answers(root, ["report-reference", *MISTAKES])
    nbgrader(root, "generate_feedback", AID, "--force")
    return root


def grade_written_answers(root, students):
    """Full marks for every written answer of these students, as a grader in the formgrader."""
    with Gradebook(db_url(root)) as gb:
        for student in students:
            for notebook in gb.find_submission(AID, student).notebooks:
                for grade in notebook.grades:
                    if grade.cell.cell_type == "markdown":
                        grade.manual_score, grade.needs_manual_grade = grade.max_score, False
        gb.db.commit()
