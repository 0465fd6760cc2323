"""Course folders and the real nbgrader commands run in them.

``scratch_course`` is the throwaway class the catalogue, the attacks and the benchmarks grade:
a course folder with this repository's config and source notebook, the assignment generated,
and the reference submission built from the release."""
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tools.common.paths import REPO, assignments, course_env


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


@dataclass
class ScratchCourse:
    root: Path
    aid: str
    release: object         # the release notebook (what a student starts from)
    source: object          # the source notebook (solutions, hidden tests)
    reference: object       # the release with every answer cell filled in from the source


def released(root, aid):
    """The release and source notebooks of ``aid`` in a course folder, and the reference
    submission made of them: ``(release, source, reference)``."""
    from tools.catalogue import submissions
    release = submissions.read(Path(root) / "release" / aid / f"{aid}.ipynb")
    source = submissions.read(Path(root) / "source" / aid / f"{aid}.ipynb")
    return release, source, submissions.reference_submission(release, source)


def scratch_course(root, aid):
    """A throwaway course folder at ``root`` for one assignment: made, generated, with its
    reference submission built (not yet submitted)."""
    root = make_course(Path(root), [aid])
    nbgrader(root, "generate_assignment", aid, "--force")
    return ScratchCourse(root, aid, *released(root, aid))
