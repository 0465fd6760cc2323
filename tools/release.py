"""Regenerate ``release/`` from ``source/`` with nbgrader (``make release``).

Each assignment is generated in a private temporary course folder and its release notebook
copied here, so the release never depends on (or touches) this folder's gradebook, and
several assignments can be released at once.

    python -m tools.release               # every assignment
    python -m tools.release 02_gradient_descent
"""
import shutil
import sys
import tempfile
from pathlib import Path

from tools.common.courses import make_course, nbgrader
from tools.common.paths import REPO, assignments


def generate_release(root=REPO, only=None):
    for aid in only or assignments(root / "source"):
        with tempfile.TemporaryDirectory(prefix=f"release-{aid}-") as scratch:
            course = make_course(Path(scratch), [aid])
            nbgrader(course, "generate_assignment", aid, "--force", env={"COURSE_DB_URL": ""})  # its own SQLite
            target = Path(root) / "release" / aid
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(course / "release" / aid, target)
        print(f"released {aid} -> release/{aid}/")


if __name__ == "__main__":
    generate_release(only=sys.argv[1:] or None)
