"""``make student-bundle [ASSIGNMENTS=01,02]``: the zip a student downloads to work on a laptop
(CPU or Apple MPS), with every assignment or only those released so far.

Contents: the release notebooks, the ``course`` package with a ``pyproject.toml`` so that
``pip install -r requirements.txt`` (inside the unpacked folder) installs everything (nbgrader
included, for the Validate button), the student ``nbgrader_config.py`` of ``tools/lab.py``
(Validate's cell timeout) and a README: the Python the pins need, a virtual environment,
PyTorch's CPU build on Linux, and how to hand in. No source notebook, no catalogue, no tools:
nothing with solutions or hidden tests; ``tests/test_student_bundle.py`` proves it.
"""
import os
import zipfile
from pathlib import Path

from tools.common.paths import REPO, assignments
from tools.common.pins import requirement_lines
from tools.grader import CELL_TIMEOUT
from tools.lab import STUDENT_CONFIG, STUDENT_CONFIG_DIR

NAME = "training-neural-networks"
# What a student's laptop needs, at the versions the course is graded with (pip picks each
# platform's wheel of torch: CPU or Apple MPS on a laptop).
STUDENT_PACKAGES = ["torch", "torchvision", "jupyterlab", "ipywidgets", "matplotlib", "seaborn", "tqdm", "numpy",
                    "mlxtend", "nbgrader"]


def oldest_python(packages=STUDENT_PACKAGES):
    """The oldest Python every pinned package supports (their ``Requires-Python``, as installed
    here at the pinned versions): (major, minor), and the packages that set it."""
    from importlib.metadata import metadata
    floors = {}
    for name in packages:
        for clause in (metadata(name).get("Requires-Python") or "").split(","):
            clause = clause.strip()
            if clause.startswith(">="):
                floors[name] = tuple(int(part) for part in clause[2:].split(".")[:2])
    oldest = max(floors.values())
    return oldest, sorted(name for name, floor in floors.items() if floor == oldest)


def student_requirements():
    (major, minor), _ = oldest_python()
    return "\n".join([f"# Install with:  pip install -r requirements.txt   (Python {major}.{minor} or later, "
                      "in a virtual environment: see README.md)",
                      *requirement_lines(STUDENT_PACKAGES), "-e .", ""])


def readme(ids):
    (major, minor), setters = oldest_python()
    torch_pins = " ".join(requirement_lines(["torch", "torchvision"]))
    listed = "\n".join(f"- `{aid}/{aid}.ipynb`" for aid in ids)
    return f"""# Training Neural Networks in PyTorch: student bundle

Assignments in this bundle:

{listed}

## Install (once)

You need Python {major}.{minor} or later ({", ".join(setters)} need it): from python.org, or on
Linux your distribution's `python3` with its `venv` module (Debian/Ubuntu: `apt install
python3-venv`). In a terminal, in this folder (the one holding this README):

    python3 -m venv .venv
    source .venv/bin/activate            # Windows: .venv\\Scripts\\activate
    pip install -r requirements.txt

On Linux without an NVIDIA GPU, install PyTorch's CPU build first (a few hundred MB instead of
several GB of CUDA libraries), then the line above:

    pip install {torch_pins} --index-url https://download.pytorch.org/whl/cpu

On macOS and Windows `pip install -r requirements.txt` alone installs the right build (Apple GPUs are used
through MPS).

## Work

    source .venv/bin/activate            # each time, in a new terminal
    JUPYTER_CONFIG_PATH=jupyter-config jupyter lab
                                         # Windows (PowerShell): $env:JUPYTER_CONFIG_PATH="jupyter-config"; jupyter lab

(`jupyter-config/` keeps nbgrader's instructor tools and its course list, which needs a course
server, out of your JupyterLab; plain `jupyter lab` works too, with those menus in the way.)

Open an assignment folder and its notebook. The `course` package the notebooks import is
installed by `pip install -r requirements.txt`. CIFAR-10 downloads on first use (about 170 MB)
into ~/.cache/course-data; without a network a synthetic stand-in is generated, and the
notebook says so. Training uses an NVIDIA or Apple GPU when there is one.

The Validate button (nbgrader's, in the notebook toolbar) restarts the kernel, runs every
cell and the visible tests, with the same {CELL_TIMEOUT} s per cell the grader allows
(`nbgrader_config.py` here sets it). Hidden tests run only when your work is graded.

## Hand in

Validate, save, and hand in the notebook file itself (`<assignment>/<assignment>.ipynb`, with
its name unchanged) the way your course says: on the course server, the *Assignments* tab's
*Submit* button; otherwise upload that one file. Nothing else in the folder is read.
"""


def chosen(wanted=None):
    """The assignments to bundle: all released ones, or those whose ids start with one of the
    comma-separated prefixes of ``wanted`` (``"01,02"``), so a bundle can follow the releases."""
    ids = assignments(REPO / "source")
    if not wanted:
        return ids
    prefixes = [w.strip() for w in wanted.split(",") if w.strip()]
    unknown = [p for p in prefixes if not any(aid.startswith(p) for aid in ids)]
    if unknown:
        raise SystemExit(f"no assignment starts with {', '.join(unknown)} (there are: {', '.join(ids)})")
    return [aid for aid in ids if any(aid.startswith(p) for p in prefixes)]


def build(out_dir=REPO / "dist", wanted=None):
    """The zip, with the assignments ``wanted`` selects (see ``chosen``; all by default)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{NAME}-student.zip"
    ids = chosen(wanted)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for aid in ids:
            notebook = REPO / "release" / aid / f"{aid}.ipynb"
            z.write(notebook, f"{NAME}/{aid}/{aid}.ipynb")
        for path in sorted((REPO / "course").rglob("*.py")):
            z.write(path, f"{NAME}/{path.relative_to(REPO)}")
        z.write(REPO / "pyproject.toml", f"{NAME}/pyproject.toml")
        z.writestr(f"{NAME}/requirements.txt", student_requirements())
        z.writestr(f"{NAME}/README.md", readme(ids))
        # Validate reads nbgrader_config.py in the folder Jupyter is started from.
        z.writestr(f"{NAME}/nbgrader_config.py", STUDENT_CONFIG)
        for path in sorted(STUDENT_CONFIG_DIR.rglob("*.json")):
            z.write(path, f"{NAME}/jupyter-config/{path.relative_to(STUDENT_CONFIG_DIR)}")
    return target


if __name__ == "__main__":
    print(build(wanted=os.environ.get("ASSIGNMENTS")))
