"""Run real nbgrader commands in a course folder and read its gradebook."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from nbgrader.api import Gradebook

from tools.notebook_run import REPO, assignments, course_env  # noqa: F401 (part of this module's interface)


def nbgrader(root, *args, check=True, env=None):
    """Run ``nbgrader <args>`` in ``root``; returns the CompletedProcess (output captured).
    ``env`` adds to (or overrides) the environment."""
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env={**course_env(), **(env or {})},
                          capture_output=True, text=True)
    if check and done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed ({done.returncode}):\n"
                           f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return done


def make_course(root, assignment_ids=None):
    """A fresh course folder at ``root`` with this repository's config and source notebooks."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    for aid in assignment_ids or assignments(REPO / "source"):
        shutil.copytree(REPO / "source" / aid, root / "source" / aid, dirs_exist_ok=True)
    return root


def db_url(root):
    """The gradebook nbgrader_config.py selects for a course root."""
    return os.environ.get("COURSE_DB_URL") or f"sqlite:///{Path(root) / 'gradebook.db'}"


def scores(root):
    """{(student, assignment): {"score", "max_score", "code_score", "max_code_score",
    "needs_manual_grade", "cells": {grade_id: (score, max)}, "written": {grade_id: (score, max)},
    "flagged"}}.

    ``cells`` holds the autograded test cells, ``written`` the manually graded answers."""
    out = {}
    with Gradebook(db_url(root)) as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                cells, written = {}, {}
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        kind = cells if grade.cell.cell_type == "code" else written
                        kind[grade.name] = (grade.score, grade.max_score)
                out[(submission.student.id, assignment.name)] = {
                    "score": submission.score, "max_score": submission.max_score,
                    "code_score": submission.code_score, "max_code_score": assignment.max_code_score,
                    "needs_manual_grade": submission.needs_manual_grade, "cells": cells, "written": written,
                    "flagged": any(n.flagged for n in submission.notebooks),
                }
    return out
