"""Grade the catalogue of one assignment with real nbgrader, in a temporary course folder.

One course per assignment; its class is the reference solution, an untouched release and one
student per catalogue case (``catalogue/<id>/<case>.py``); one ``nbgrader autograde`` grades
them all (one kernel start per submission), then ``generate_feedback``.

The catalogue is our own code, so it is graded without the sandbox, in kernels forked from a
warm process (``COURSE_SANDBOX=0``): a sandboxed kernel must import torch afresh, which would
double the cost of ~250 submissions. The sandbox itself is exercised by the attack catalogue
(``tools.catalogue.attacks``), whose class also holds honest submissions graded in the
sandbox. The result says, per case, the scores of every test cell and the message of each
failed check, which the tests assert on and ``make grading-report`` prints.
"""
from dataclasses import dataclass, field
from pathlib import Path

from tools.catalogue import submissions
from tools.common.courses import nbgrader, scratch_course
from tools.common.gradebook import failure_messages, scores

TRUSTED = {"COURSE_SANDBOX": "0"}    # see the module docstring


@dataclass
class GradedCourse:
    aid: str
    root: Path
    source: object
    cases: list
    scores: dict
    messages: dict = field(default_factory=dict)   # student -> {test cell: message}

    def student(self, case):
        return f"case-{case.name}"


def grade_catalogue(aid, workdir, cases=None):
    scratch = scratch_course(workdir, aid)
    root, reference = scratch.root, scratch.reference
    cases = submissions.load_cases(aid) if cases is None else cases
    course = GradedCourse(aid, root, scratch.source, cases, {})
    class_ = {"reference": reference, "untouched": scratch.release}
    class_.update({course.student(c): submissions.apply_case(reference, c) for c in cases})
    for student, nb in class_.items():
        submissions.write_submission(root, student, aid, nb)
    nbgrader(root, "autograde", aid, "--force", env=TRUSTED)
    nbgrader(root, "generate_feedback", aid, "--force")
    course.scores = scores(root)
    for student in class_:
        path = root / "autograded" / student / aid / f"{aid}.ipynb"
        course.messages[student] = failure_messages(submissions.read(path)) if path.exists() else {}
    return course


def regrade(course, student):
    """Autograde one submission again (for the idempotency check); returns its new scores."""
    nbgrader(course.root, "autograde", course.aid, "--force", f"--student={student}", env=TRUSTED)
    return scores(course.root)[(student, course.aid)]
