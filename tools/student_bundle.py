"""``make student-bundle``: the zip a student downloads to work on a laptop (CPU or Apple MPS).

Contents: the release notebooks, the ``course`` package with a ``pyproject.toml`` so that
``pip install -r requirements.txt`` (inside the unpacked folder) installs everything (nbgrader
included, for the Validate button), the student ``nbgrader_config.py`` of ``tools/lab.py``
(Validate's cell timeout) and a short README. No source notebook, no catalogue, no tools:
nothing with solutions or hidden tests; ``tests/test_student_bundle.py`` proves it.
"""
import sys
import zipfile
from pathlib import Path

from tools.common.paths import REPO, assignments
from tools.common.pins import requirement_lines
from tools.grader import CELL_TIMEOUT
from tools.lab import STUDENT_CONFIG

NAME = "training-neural-networks"
# What a student's laptop needs, at the versions the course is graded with (pip picks each
# platform's wheel of torch: CPU or Apple MPS on a laptop).
STUDENT_PACKAGES = ["torch", "torchvision", "jupyterlab", "ipywidgets", "matplotlib", "seaborn", "tqdm", "numpy",
                    "mlxtend", "nbgrader"]


def student_requirements():
    return "\n".join(["# Install with:  pip install -r requirements.txt   (Python 3.10-3.12)",
                      *requirement_lines(STUDENT_PACKAGES), "-e .", ""])


README = f"""# Training Neural Networks in PyTorch: student bundle

    pip install -r requirements.txt
    jupyter lab

Open an assignment folder and its notebook. The `course` package the notebooks import is
installed by the first command. CIFAR-10 downloads on first use (about 170 MB) into
~/.cache/course-data; without a network a synthetic stand-in is generated, and the
notebook says so. Training uses an NVIDIA or Apple GPU when there is one.

The Validate button (nbgrader's, in the notebook toolbar) restarts the kernel, runs every
cell and the visible tests, with the same {CELL_TIMEOUT} s per cell the grader allows
(`nbgrader_config.py` here sets it). Hidden tests run only when your work is graded.
"""


def build(out_dir=REPO / "dist"):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{NAME}-student.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for aid in assignments(REPO / "source"):
            notebook = REPO / "release" / aid / f"{aid}.ipynb"
            z.write(notebook, f"{NAME}/{aid}/{aid}.ipynb")
        for path in sorted((REPO / "course").rglob("*.py")):
            z.write(path, f"{NAME}/{path.relative_to(REPO)}")
        z.write(REPO / "pyproject.toml", f"{NAME}/pyproject.toml")
        z.writestr(f"{NAME}/requirements.txt", student_requirements())
        z.writestr(f"{NAME}/README.md", README)
        # Validate reads nbgrader_config.py in the folder Jupyter is started from.
        z.writestr(f"{NAME}/nbgrader_config.py", STUDENT_CONFIG)
    return target


if __name__ == "__main__":
    print(build(*sys.argv[1:2]))
