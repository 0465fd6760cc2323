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
    with zipfile.ZipFile(student_bundle.build(tmp_path)) as z:
        readme = z.read(f"{student_bundle.NAME}/README.md").decode()
        requirements = z.read(f"{student_bundle.NAME}/requirements.txt").decode()
    (major, minor), setters = student_bundle.oldest_python()
    assert (major, minor) >= (3, 11) and "numpy" in setters        # numpy 2.4 needs 3.11
    assert f"Python {major}.{minor} or later" in readme and f"Python {major}.{minor} or later" in requirements
    assert "python3 -m venv .venv" in readme and "pip install -r requirements.txt" in readme
    torch_line = " ".join(pins.requirement_lines(["torch", "torchvision"]))
    assert f"pip install {torch_line} --index-url https://download.pytorch.org/whl/cpu" in readme
    assert "## Hand in" in readme and "Submit" in readme
    assert "JUPYTER_CONFIG_PATH=jupyter-config jupyter lab" in readme
