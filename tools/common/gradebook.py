"""Reading a course's gradebook and autograded notebooks: scores, failure messages, and a
readable table of students x assignments."""
import os
from pathlib import Path

from tools.grader.cells import error_line


def db_url(root):
    """The gradebook nbgrader_config.py selects for a course root."""
    return os.environ.get("COURSE_DB_URL") or f"sqlite:///{Path(root) / 'gradebook.db'}"


def scores(root):
    """{(student, assignment): {"score", "max_score", "code_score", "max_code_score",
    "needs_manual_grade", "cells": {grade_id: (score, max)}, "written": {grade_id: (score, max)},
    "flagged", "pending", "seconds_late", "late_penalty", "notebook_ids"}}.

    ``score`` is after the late penalty (as ``nbgrader export`` and the feedback give it; the
    cells' scores and ``code_score`` are before it), ``cells`` holds the autograded test cells,
    ``written`` the manually graded answers; ``pending`` the grade ids still to grade by hand;
    ``notebook_ids`` {notebook name: the formgrader's id of the submitted notebook}."""
    from nbgrader.api import Gradebook
    out = {}
    with Gradebook(db_url(root)) as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                cells, written, pending = {}, {}, []
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        kind = cells if grade.cell.cell_type == "code" else written
                        kind[grade.name] = (grade.score, grade.max_score)
                        if grade.needs_manual_grade:
                            pending.append(grade.name)
                penalty = submission.late_submission_penalty
                out[(submission.student.id, assignment.name)] = {
                    "score": max(0.0, submission.score - penalty), "max_score": submission.max_score,
                    "late_penalty": penalty,
                    "code_score": submission.code_score, "max_code_score": assignment.max_code_score,
                    "needs_manual_grade": submission.needs_manual_grade, "cells": cells, "written": written,
                    "flagged": any(n.flagged for n in submission.notebooks), "pending": pending,
                    "seconds_late": submission.total_seconds_late,
                    "notebook_ids": {n.name: n.id for n in submission.notebooks},
                }
    return out


def failure_messages(autograded_nb):
    """{test cell id: the error line(s) of that cell} for every failed test cell."""
    out = {}
    for cell in autograded_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                out[meta["grade_id"]] = error_line(output)
    return out


def _cell(entry):
    if entry is None:
        return "-"
    text = f"{entry['score']:g}/{entry['max_score']:g}"
    if entry["needs_manual_grade"]:
        text += "*"
    return text


def format_table(scores, students=None, assignments=None, failed=()):
    """``failed``: (student, assignment) pairs that could not be graded, shown as FAILED."""
    students = students or sorted({s for s, _ in scores})
    assignments = assignments or sorted({a for _, a in scores})
    rows = [["student", *assignments]]
    for student in students:
        rows.append([student, *("FAILED" if (student, a) in failed else _cell(scores.get((student, a)))
                                for a in assignments)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("score/max: automatic points so far; * = written answers still to grade by hand "
                 "(their points are part of max).")
    if failed:
        lines.append("FAILED: the submission could not be graded (see the reason printed for it).")
    return "\n".join(lines)
