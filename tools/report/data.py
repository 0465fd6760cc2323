"""What the class report shows, read from the gradebook and the autograded notebooks."""
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tools.catalogue import submissions
from tools.common.gradebook import failure_messages, scores

UNANSWERED = "NotImplementedError"   # what an answer cell of the release raises


@dataclass
class Submission:
    student: str
    aid: str
    graded: bool                  # autograded: in the gradebook with its autograded notebook
    score: float = 0.0
    max_score: float = 0.0
    pending: list = field(default_factory=list)     # written answers still to grade by hand
    flagged: list = field(default_factory=list)     # the grader's reasons, when flagged
    seconds_late: float = 0.0
    late_penalty: float = 0.0
    untouched: bool = False       # the release handed back: no answer cell filled in
    feedback: str = ""            # path of the feedback HTML from the course root, if any
    notebook_id: str = ""         # the formgrader's id of the submitted notebook


@dataclass
class Exercise:
    """A test cell or a written answer, and how many earned its full marks."""
    aid: str
    grade_id: str
    written: bool
    full: int
    graded: int                   # submissions whose grade of it is known


@dataclass
class Assignment:
    aid: str
    submissions: list = field(default_factory=list)
    # {test cell: {first line of the failure message: [students]}}
    failures: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    exercises: list = field(default_factory=list)

    @property
    def graded(self):
        return [s for s in self.submissions if s.graded]

    @property
    def mean(self):
        return statistics.mean(s.score for s in self.graded) if self.graded else None

    @property
    def median(self):
        return statistics.median(s.score for s in self.graded) if self.graded else None

    @property
    def max_score(self):
        return max((s.max_score for s in self.graded), default=0.0)

    @property
    def pending(self):
        """Graded submissions with written answers still to grade by hand."""
        return [s for s in self.graded if s.pending]

    @property
    def untouched(self):
        return [s.student for s in self.submissions if s.untouched]


@dataclass
class Class:
    students: list
    assignments: dict             # {aid: Assignment}, sorted by aid

    def submission(self, student, aid):
        return next((s for s in self.assignments[aid].submissions if s.student == student), None)

    @property
    def flagged(self):
        return [s for a in self.assignments.values() for s in a.submissions if s.flagged]

    @property
    def incomplete(self):
        """Submissions without a complete grade: not graded at all, or written answers to grade."""
        return [s for a in self.assignments.values() for s in a.submissions if not s.graded or s.pending]


def _answer_sources(nb):
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def is_untouched(autograded, release, messages):
    """Every answer cell as released; without the release, every failure the unanswered one."""
    if release is not None:
        return _answer_sources(autograded) == _answer_sources(release)
    return bool(messages) and all(m.startswith(UNANSWERED) for m in messages.values())


def _submitted(root):
    folder = root / "submitted"
    return sorted((p.parent.name, p.name) for p in folder.glob("*/*") if p.is_dir()) if folder.exists() else []


def collect(root):
    """The :class:`Class` of a course root."""
    root = Path(root)
    table = scores(root)
    pairs = sorted(set(table) | set(_submitted(root)))
    releases = {}
    assignments = {}
    for student, aid in pairs:
        entry = assignments.setdefault(aid, Assignment(aid))
        result = table.get((student, aid))
        notebook = root / "autograded" / student / aid / f"{aid}.ipynb"
        if result is None or not notebook.exists():
            entry.submissions.append(Submission(student, aid, graded=False))
            continue
        autograded = submissions.read(notebook)
        if aid not in releases:
            path = root / "release" / aid / f"{aid}.ipynb"
            releases[aid] = submissions.read(path) if path.exists() else None
        messages = {cell: m.splitlines()[0] if m else "" for cell, m in failure_messages(autograded).items()}
        feedback = Path("feedback") / student / aid / f"{aid}.html"
        sub = Submission(
            student, aid, graded=True, score=result["score"], max_score=result["max_score"],
            pending=result["pending"], seconds_late=result["seconds_late"] or 0.0,
            late_penalty=result["late_penalty"] or 0.0,
            flagged=(autograded.metadata.get("course", {}).get("tampering") or ["flagged by a grader"])
            if result["flagged"] else [],
            untouched=is_untouched(autograded, releases[aid], messages),
            feedback=str(feedback) if (root / feedback).exists() else "",
            notebook_id=result["notebook_ids"].get(aid, ""))
        entry.submissions.append(sub)
        if not sub.untouched:
            for cell, message in messages.items():
                entry.failures[cell][message].append(student)
        _count_exercises(entry, result)
    for entry in assignments.values():
        entry.exercises.sort(key=lambda e: (e.full / e.graded if e.graded else 1.0, e.grade_id))
    return Class(sorted({s for s, _ in pairs}), dict(sorted(assignments.items())))


def _count_exercises(entry, result):
    known = {e.grade_id: e for e in entry.exercises}
    for written, cells in ((False, result["cells"]), (True, result["written"])):
        for grade_id, (score, max_score) in cells.items():
            exercise = known.get(grade_id)
            if exercise is None:
                exercise = Exercise(entry.aid, grade_id, written, 0, 0)
                entry.exercises.append(exercise)
                known[grade_id] = exercise
            if grade_id in result["pending"]:
                continue
            exercise.graded += 1
            exercise.full += score is not None and score >= max_score


def failures_by_frequency(entry):
    """[(test cell, [(message, students)])], each cell's messages most frequent first, the cells
    with the most failing students first."""
    out = []
    for cell, messages in entry.failures.items():
        ranked = sorted(messages.items(), key=lambda item: (-len(item[1]), item[0]))
        out.append((cell, ranked))
    return sorted(out, key=lambda item: (-sum(len(s) for _, s in item[1]), item[0]))
