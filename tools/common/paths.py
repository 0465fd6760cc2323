"""Where things are in this repository, and the environment nbgrader and its kernels run in.

No nbgrader or torch import: the sandbox's kernel wrapper and the GPU check import this."""
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "catalogue"


def assignments(source_dir=REPO / "source"):
    """Assignment ids: the folders of ``source_dir`` that hold their notebook."""
    return sorted(p.name for p in Path(source_dir).iterdir() if (p / f"{p.name}.ipynb").exists())


def course_env():
    """Environment for nbgrader and the kernels it starts: the venv's bin on PATH (nbgrader
    shells out to ``alembic``), the repository importable (``course``, ``tools``)."""
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("MPLBACKEND", "Agg")
    return env
