"""The student bundle holds the release and the course package, installs with pip, and
contains no solution and no hidden test."""
import subprocess
import sys
import zipfile

import nbformat
import pytest

from conftest import ASSIGNMENTS, REPO
from tools import student_bundle
from tools.catalogue import leaks, submissions
from tools.common import pins


def test_bundle_contents_and_no_secrets(tmp_path):
    path = student_bundle.build(tmp_path)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        text = {n: z.read(n).decode() for n in names}
    root = student_bundle.NAME
    for aid in ASSIGNMENTS:
        assert f"{root}/{aid}/{aid}.ipynb" in names
    assert f"{root}/course/checks.py" in names and f"{root}/pyproject.toml" in names
    assert f"{root}/jupyter-config/labconfig/page_config.json" in names     # the student's JupyterLab
    # Validate judges with the grader's cell timeout, not nbgrader's default of 30 s.
    assert "c.Execute.timeout = 120" in text[f"{root}/nbgrader_config.py"]
    # The course's own pins, read from requirements.txt and constraints.txt.
    requirements = text[f"{root}/requirements.txt"].splitlines()
    assert "-e ." in requirements
    assert set(pins.requirement_lines(student_bundle.STUDENT_PACKAGES)) <= set(requirements)
    assert not any("/tools/" in n or "/catalogue/" in n or "/source/" in n or n.endswith(".db") for n in names)
    sources = {aid: submissions.read(REPO / "source" / aid / f"{aid}.ipynb") for aid in ASSIGNMENTS}
    secrets = {aid: leaks.secret_lines(nb) | leaks.suite_lines(aid, nb) for aid, nb in sources.items()}
    rubric = set().union(*(leaks.rubric_lines(nb) for nb in sources.values()))
    copied = {run: aid for aid, nb in sources.items() for run in leaks.secret_runs(aid, nb)}
    assert rubric and copied, "the leak check found nothing to look for"
    # A line secret in one notebook may be ordinary public code in another one (a loop
    # header, say), so each notebook is checked line by line against its own secrets only.
    # Every file (the course package too) is checked for rubric text and for runs of
    # consecutive solution or hidden-test lines of any assignment: a copied answer.
    found = []
    for name, content in text.items():
        for marker in ("BEGIN SOLUTION", "HIDDEN TEST", "hidden_tests"):
            assert marker not in content, name
        visible = leaks.notebook_text(nbformat.reads(content, as_version=4)) if name.endswith(".ipynb") else content
        if name.endswith(".ipynb"):
            found += [f"{name}: {line}" for line in leaks.leaked(visible, secrets[name.split("/")[1]])]
        found += [f"{name}: rubric: {line}" for line in leaks.leaked(visible, rubric)]
        found += [f"{name}: {copied[run]}'s " + " / ".join(run) for run in sorted(leaks.runs(visible) & copied.keys())]
    assert found == [], "the bundle holds answers:\n" + "\n".join(found)

def test_bundle_course_package_installs_with_pip(tmp_path):
    path = student_bundle.build(tmp_path)
    with zipfile.ZipFile(path) as z:
        z.extractall(tmp_path / "unpacked")
    folder = tmp_path / "unpacked" / student_bundle.NAME
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                           "--target", str(target), str(folder)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (target / "course" / "checks.py").exists()
    assert not (target / "tools").exists()


def test_a_bundle_can_follow_the_releases(tmp_path):
    path = student_bundle.build(tmp_path, wanted="01,02")
    with zipfile.ZipFile(path) as z:
        notebooks = sorted(n for n in z.namelist() if n.endswith(".ipynb"))
        readme = z.read(f"{student_bundle.NAME}/README.md").decode()
    assert notebooks == [f"{student_bundle.NAME}/{aid}/{aid}.ipynb" for aid in ASSIGNMENTS[:2]]
    assert ASSIGNMENTS[1] in readme and ASSIGNMENTS[2] not in readme
    with pytest.raises(SystemExit, match="no assignment starts with 99"):
        student_bundle.build(tmp_path, wanted="01,99")


def test_the_readme_says_how_to_install_and_hand_in(tmp_path):
    aid = ASSIGNMENTS[0]
    with zipfile.ZipFile(student_bundle.build(tmp_path, wanted=aid)) as z:
        readme = z.read(f"{student_bundle.NAME}/README.md").decode()
        requirements = z.read(f"{student_bundle.NAME}/requirements.txt").decode()
    pythons = student_bundle.python_range()
    assert pythons.oldest >= (3, 11) and "numpy" in pythons.oldest_set_by       # numpy 2.4 needs 3.11
    # The suite runs on the Python the course is installed with: it must be in the range.
    assert pythons.oldest <= sys.version_info[:2] <= pythons.newest, pythons
    assert f"You need {pythons}." in readme and str(pythons) in requirements
    # The platforms the README names were looked up for this torch; a new pin needs a new look.
    assert pins.requirement_lines(["torch"]) == [f"torch=={student_bundle.TORCH_PLATFORMS_CHECKED_FOR}"]
    # Into the folder first, then each system's steps into a virtual environment.
    assert f"cd ~/Downloads/{student_bundle.NAME}" in readme
    cpu_line = (f"pip install {' '.join(pins.requirement_lines(['torch', 'torchvision']))} "
                f"--index-url {student_bundle.CPU_INDEX}")
    steps = {system: student_bundle.readme_commands(readme, system)
             for system in ("Linux", "macOS", "Windows (PowerShell)")}
    assert steps["Linux"] == ["python3 -m venv .venv", "source .venv/bin/activate", cpu_line,
                              "pip install -r requirements.txt"]
    assert steps["macOS"] == [line for line in steps["Linux"] if line != cpu_line]
    assert steps["Windows (PowerShell)"] == ["py -m venv .venv", r".venv\Scripts\Activate.ps1", cpu_line,
                                             "pip install -r requirements.txt"]
    # Starting JupyterLab with the student's configuration, in both shells.
    assert "JUPYTER_CONFIG_PATH=jupyter-config jupyter lab" in readme
    assert '$env:JUPYTER_CONFIG_PATH="jupyter-config"; jupyter lab' in readme
    # Handing in: the notebook file, uploaded, or nbgrader submit where there is an exchange.
    hand_in = readme.split("## Hand in", 1)[1]
    assert f"`{aid}/{aid}.ipynb`" in hand_in and "upload" in hand_in
    assert f"nbgrader submit {aid} --course <course id>" in hand_in
    assert "http" not in hand_in                                   # no invented address
