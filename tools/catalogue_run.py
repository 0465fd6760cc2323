"""Grade the catalogue of one assignment with real nbgrader, in a temporary course folder.

One course per assignment; its class is the reference solution, an untouched release and one
student per catalogue case (``catalogue/<id>/<case>.py``); one ``nbgrader autograde`` grades
them all (one kernel start per submission), then ``generate_feedback``.

The catalogue is our own code, so it is graded without the sandbox, in kernels forked from a
warm process (``COURSE_SANDBOX=0``): a sandboxed kernel must import torch afresh, which would
double the cost of ~250 submissions. The sandbox itself is exercised by the attack catalogue
(``tools.attacks``), whose class also holds honest submissions graded in the sandbox. The result says, per
case, the scores of every test cell and the message of each failed check, which the tests
assert on and ``make grading-report`` prints.
"""
import re
from dataclasses import dataclass, field
from pathlib import Path

from tools import submissions
from tools.nbgrader_cli import make_course, nbgrader, scores

TRUSTED = {"COURSE_SANDBOX": "0"}    # see the module docstring
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


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


def failure_messages(autograded_nb):
    """{test cell id: the error line(s) of that cell} for every failed test cell."""
    out = {}
    for cell in autograded_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                out[meta["grade_id"]] = _ANSI.sub("", f"{output.get('ename')}: {output.get('evalue')}")
    return out


def grade_catalogue(aid, workdir, cases=None):
    root = make_course(Path(workdir), [aid])
    nbgrader(root, "generate_assignment", aid, "--force")
    release = submissions.read(root / "release" / aid / f"{aid}.ipynb")
    source = submissions.read(root / "source" / aid / f"{aid}.ipynb")
    reference = submissions.reference_submission(release, source)
    cases = submissions.load_cases(aid) if cases is None else cases
    course = GradedCourse(aid, root, source, cases, {})
    class_ = {"reference": reference, "untouched": release}
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
