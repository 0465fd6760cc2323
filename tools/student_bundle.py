"""``make student-bundle [ASSIGNMENTS=01,02]``: the zip a student downloads to work on a laptop
(CPU or Apple MPS), with every assignment or only those released so far.

Contents: the release notebooks, the ``course`` package with a ``pyproject.toml`` so that
``pip install -r requirements.txt`` (inside the unpacked folder) installs everything (nbgrader
included, for the Validate button), the student ``nbgrader_config.py`` of ``tools/lab.py``
(Validate's cell timeout), ``jupyter-config/`` (the student's JupyterLab: no instructor tools) and
a README: the Pythons the pins allow, the system's steps into a virtual environment (PyTorch's
CPU build on Linux and Windows), how to start JupyterLab, and how to hand in. No source notebook,
no catalogue, no tools: nothing with solutions or hidden tests; ``tests/test_student_bundle.py``
proves it, and ``tests/test_student_bundle_install.py`` installs a bundle as its README says.
"""
import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tools.common.paths import REPO, assignments
from tools.common.pins import requirement_lines
from tools.grader import CELL_TIMEOUT
from tools.lab import STUDENT_CONFIG, STUDENT_CONFIG_DIR

NAME = "training-neural-networks"
# What a student's laptop needs, at the versions the course is graded with.
STUDENT_PACKAGES = ["torch", "torchvision", "jupyterlab", "ipywidgets", "matplotlib", "seaborn", "tqdm", "numpy",
                    "mlxtend", "nbgrader"]
# PyTorch's own index of CPU-only builds. On Linux, PyPI's torch is the CUDA build, whose NVIDIA
# libraries are several GB a laptop without an NVIDIA GPU never uses.
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# The README says on which systems this torch has builds (PyPI's files for it: manylinux
# x86_64 and aarch64, win_amd64, macosx_14_0_arm64; none for Intel Macs or Windows on ARM).
# tests/test_student_bundle.py fails when the pin moves, so that it is checked again.
TORCH_PLATFORMS_CHECKED_FOR = "2.14.1"


def _version(text):
    return tuple(int(part) for part in text.strip().split("."))


@dataclass(frozen=True)
class PythonRange:
    """The Pythons the pinned packages allow: ``oldest`` and ``newest`` as (major, minor), the
    packages that set each bound, and the versions some package excludes within the range."""
    oldest: tuple
    oldest_set_by: list
    newest: tuple
    newest_set_by: list
    excluded: dict          # {"3.14.1": ["torchvision"]}

    def __str__(self):
        text = f"Python {'.'.join(map(str, self.oldest))} to {'.'.join(map(str, self.newest))}"
        if self.excluded:
            text += f" (not {', '.join(self.excluded)})"
        return text


def python_range(packages=STUDENT_PACKAGES):
    """The Python versions every pinned package supports, from their metadata as installed here
    at the pinned versions. The oldest is the highest ``Requires-Python`` floor. The newest is
    the lowest of the newest Python that each compiled package (wheels built per Python
    version, so none for a newer one) lists in its classifiers; a pure-Python package's
    classifiers are left out, they are often older than the Pythons it runs on."""
    from importlib.metadata import distribution
    floors, ceilings, excluded = {}, {}, {}
    for name in packages:
        dist = distribution(name)
        for clause in (dist.metadata.get("Requires-Python") or "").split(","):
            clause = clause.strip()
            if clause.startswith(">="):
                floors[name] = _version(clause[2:])[:2]
            elif clause.startswith("!=") and "*" not in clause:
                excluded.setdefault(clause[2:].strip(), []).append(name)
        if "Root-Is-Purelib: false" in (dist.read_text("WHEEL") or ""):
            listed = [_version(c.rsplit("::", 1)[1]) for c in dist.metadata.get_all("Classifier") or []
                      if c.startswith("Programming Language :: Python :: 3.")]
            if listed:
                ceilings[name] = max(listed)
    if not ceilings:
        raise ValueError(f"no compiled package among {', '.join(packages)} lists the Pythons it supports")
    oldest, newest = max(floors.values()), min(ceilings.values())
    return PythonRange(oldest, sorted(n for n, v in floors.items() if v == oldest),
                       newest, sorted(n for n, v in ceilings.items() if v == newest),
                       {v: names for v, names in excluded.items() if oldest <= _version(v)[:2] <= newest})


def student_requirements():
    return "\n".join([f"# Install with:  pip install -r requirements.txt   ({python_range()}, in a virtual "
                      "environment, after PyTorch's CPU build on Linux and Windows: see README.md)",
                      *requirement_lines(STUDENT_PACKAGES), "-e .", ""])


def readme(ids):
    pythons = python_range()
    oldest, newest = (".".join(map(str, v)) for v in (pythons.oldest, pythons.newest))
    excluded = "".join(f"; {_and(names)} excludes {v}" for v, names in pythons.excluded.items())
    torch_pin, torchvision_pin = requirement_lines(["torch", "torchvision"])
    cpu_line = f"pip install {torch_pin} {torchvision_pin} --index-url {CPU_INDEX}"
    listed = "\n".join(f"- `{aid}/{aid}.ipynb`" for aid in ids)
    example = ids[0]
    return f"""# Training Neural Networks in PyTorch: student bundle

Assignments in this bundle:

{listed}

## Install (once)

You need {pythons}. The pinned packages set that range: {_and(pythons.oldest_set_by)}
need {oldest} or later; {_and(pythons.newest_set_by)} have builds up to {newest}{excluded}.
Get it from python.org (Windows, macOS) or your Linux distribution (Debian/Ubuntu: `sudo apt
install python3 python3-venv`); `python3 --version` (Windows: `py --list`) tells which you have.
PyTorch {torch_pin.split("==")[1]} runs on 64-bit Linux, on Windows on 64-bit Intel or AMD processors, and on
macOS 14 or later on Apple silicon (M1 or later); it has no build for Intel Macs.

Open a terminal (Windows: PowerShell) and go into this folder, the one holding this README;
every command below runs there. For example, with the zip unpacked in Downloads:

    # Linux, macOS
    cd ~/Downloads/{NAME}
    # Windows
    cd $HOME\\Downloads\\{NAME}

(A path with spaces goes in quotes: `cd "$HOME/My Course/{NAME}"`.)

Then make a virtual environment in `.venv`, a private Python for this course (Debian and Ubuntu
refuse `pip install` outside one), switch to it, and install.

### Linux

    python3 -m venv .venv
    source .venv/bin/activate
    {cpu_line}
    pip install -r requirements.txt

The third line installs PyTorch's CPU build; without it pip takes the default Linux build,
which pulls in several GB of NVIDIA CUDA libraries. Leave it out only on a machine with an
NVIDIA GPU you mean to train on.

### macOS

    python3 -m venv .venv
    source .venv/bin/activate
    pip install -r requirements.txt

The default build is the right one: it trains on the Mac's GPU (MPS).

### Windows (PowerShell)

    py -m venv .venv
    .venv\\Scripts\\Activate.ps1
    {cpu_line}
    pip install -r requirements.txt

`py -m venv` takes the newest Python you have; with several (`py --list`), name one from
{oldest} to {newest}, e.g. `py -{newest} -m venv .venv`. If PowerShell says running scripts is disabled,
allow it once with `Set-ExecutionPolicy -Scope CurrentUser RemoteSigned` and activate again.
The third line makes sure pip takes PyTorch's CPU build.

## Work

Each time, in a new terminal in this folder: activate the environment, then start JupyterLab.

    # Linux, macOS
    source .venv/bin/activate
    JUPYTER_CONFIG_PATH=jupyter-config jupyter lab

    # Windows (PowerShell)
    .venv\\Scripts\\Activate.ps1
    $env:JUPYTER_CONFIG_PATH="jupyter-config"; jupyter lab

JupyterLab opens in your browser (Ctrl-C in the terminal stops it). `jupyter-config/` keeps
nbgrader's instructor tools and its course and assignment lists, which need a course server, out of
your JupyterLab; plain `jupyter lab` works too, with those menus in the way.

Open an assignment folder and its notebook. The `course` package the notebooks import is
installed by `pip install -r requirements.txt`. CIFAR-10 downloads on first use (about 170 MB)
into ~/.cache/course-data; without a network a synthetic stand-in is generated, and the
notebook says so. Training uses an NVIDIA or Apple GPU when there is one.

The Validate button (nbgrader's, in the notebook toolbar) restarts the kernel, runs every
cell and the visible tests, with the same {CELL_TIMEOUT} s per cell the grader allows
(`nbgrader_config.py` here sets it). Hidden tests run only when your work is graded.

## Hand in

When you are done: save the notebook, press Validate, and fix what it reports. Then hand in the
notebook file itself, e.g. `{example}/{example}.ipynb`, with its name unchanged (no copy, PDF or
zip; nothing else in the folder is read), the way your instructor says:

- **Upload**: upload that one `.ipynb` file where your instructor tells you (the course's web
  page or learning platform).
- **nbgrader exchange**: if your course runs nbgrader with an exchange (a course server whose
  JupyterLab has an *Assignments* tab listing your course), submit there: the *Assignments*
  tab's *Submit* button, or in a terminal in the folder that holds the assignment folder:
  `nbgrader submit {example} --course <course id>`, with the course id your instructor gives.
  This works only on the machine that has the exchange, not on your laptop.
"""


def readme_commands(readme, heading):
    """The command lines of the first indented block under the README's ``### heading`` (the
    install steps of one system), as a student would type them."""
    section = readme.split(f"\n### {heading}\n", 1)[1]
    commands = []
    for line in section.splitlines():
        if line.startswith("    "):
            commands.append(line.strip())
        elif commands:
            break
    return commands


def _and(names):
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]


def _text(z, name, text):
    """Add a file written here (rw-r--r--, not zipfile's default rw-------)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    z.writestr(info, text)


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
        _text(z, f"{NAME}/requirements.txt", student_requirements())
        _text(z, f"{NAME}/README.md", readme(ids))
        # Validate reads nbgrader_config.py in the folder Jupyter is started from.
        _text(z, f"{NAME}/nbgrader_config.py", STUDENT_CONFIG)
        for path in sorted(STUDENT_CONFIG_DIR.rglob("*.json")):
            z.write(path, f"{NAME}/jupyter-config/{path.relative_to(STUDENT_CONFIG_DIR)}")
    return target


if __name__ == "__main__":
    print(build(wanted=os.environ.get("ASSIGNMENTS")))
