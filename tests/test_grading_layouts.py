"""Grading works wherever the course lives and whoever runs it.

Each test puts the course in one layout (under /tmp, a name with a space or accents, behind a
symlink, a read-only venv in /opt, a venv outside the course root, an unprivileged account)
and runs the demo's release, autograde and feedback for ``01_autograd`` there with real
nbgrader and the sandbox on: the reference submission must earn full automatic marks. The
first test clones the repository with git, as a newcomer gets it; the others copy the tracked
files of the working tree, so they test uncommitted changes too.

A layout's virtual environment is a real venv at that place whose packages are this test
run's (a ``.pth`` file adds them): what the sandbox must get right is where Python and the
venv live, and such a venv takes a second instead of a 5.5 GB install.
"""
import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from conftest import REPO
from tools.common.gradebook import scores
from tools.grader import sandbox

pytestmark = [pytest.mark.skipif(not sandbox.enabled(), reason="COURSE_SANDBOX=0"),
              pytest.mark.xdist_group("layouts")]

ASSIGNMENT = "01_autograd"
TEST_USER = "course-grader-test"
PACKAGES = sysconfig.get_paths()["purelib"]
PY_VERSION = f"python{sys.version_info.major}.{sys.version_info.minor}"


def git_clone(into):
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(into)], check=True)
    return into


def copy_tracked_files(into):
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        if (REPO / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, into / name)
    return into


def light_venv(at, base_python, as_user=()):
    """A virtual environment at ``at``, made by ``base_python``, using this run's packages."""
    subprocess.run([*as_user, base_python, "-m", "venv", "--without-pip", str(at)], check=True)
    site = at / "lib" / PY_VERSION / "site-packages"
    (site / "course-test-packages.pth").write_text(f"import site; site.addsitedir({PACKAGES!r})\n")
    # nbgrader runs `alembic` from PATH. A shebang cannot name a path with a space: pip's trick.
    alembic = at / "bin" / "alembic"
    alembic.write_text(f"#!/bin/sh\n'''exec' \"{at / 'bin' / 'python'}\" \"$0\" \"$@\"\n' '''\n"
                       "import sys\nfrom alembic.config import main\nsys.exit(main())\n")
    alembic.chmod(0o755)
    return at / "bin" / "python"


def run_demo(root, python, cwd=None, as_user=(), home=None):
    """``python -m tools.demo --only 01_autograd`` in ``root`` (entered through ``cwd``), sandbox on."""
    env = {"PATH": f"{Path(python).parent}:/usr/local/bin:/usr/bin:/bin", "PYTHONPATH": str(cwd or root),
           "HOME": str(home or Path.home()), "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "COURSE_SANDBOX": "1",
           "COURSE_SYNTHETIC_DATA": "1", "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}
    done = subprocess.run([*as_user, str(python), "-m", "tools.demo", "--only", ASSIGNMENT], cwd=cwd or root,
                          env=env, capture_output=True, text=True, timeout=900)
    return done


def assert_reference_at_full_marks(root, done):
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    graded = scores(root)
    reference = graded[("demo-reference", ASSIGNMENT)]
    assert reference["code_score"] == reference["max_code_score"] > 0, reference
    assert graded[("demo-untouched", ASSIGNMENT)]["code_score"] == 0
    assert (root / "feedback" / "demo-reference" / ASSIGNMENT / f"{ASSIGNMENT}.html").is_file()
    row = next(line for line in done.stdout.splitlines() if line.startswith("demo-reference"))
    assert f"{reference['score']:g}/{reference['max_score']:g}" in row     # the grade table was printed


@pytest.fixture
def tmp_in_tmp():
    """A folder under /tmp itself (the layout that once hid the venv from the sandbox)."""
    folder = Path(tempfile.mkdtemp(prefix="course layout ", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_fresh_git_clone_under_tmp_in_a_folder_with_a_space(tmp_in_tmp):
    root = git_clone(tmp_in_tmp / "my course")
    python = light_venv(root / ".venv", sys._base_executable)        # the venv inside the clone, as make does
    assert_reference_at_full_marks(root, run_demo(root, python))


def test_course_behind_a_symlink_with_an_accented_name_and_the_venv_outside_it(tmp_in_tmp):
    real = copy_tracked_files(tmp_in_tmp / "cours d'été" / "école")
    link = tmp_in_tmp / "lien vers le cours"
    link.symlink_to(real, target_is_directory=True)
    done = run_demo(real, sys.executable, cwd=link)                   # this run's venv: outside the course
    assert_reference_at_full_marks(real, done)


@pytest.fixture
def opt_folder():
    if not os.access("/opt", os.W_OK):
        pytest.skip("/opt is not writable by this account")
    folder = Path(tempfile.mkdtemp(prefix="course-test-", dir="/opt"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def test_read_only_venv_in_opt(tmp_in_tmp, opt_folder):
    python = light_venv(opt_folder / "venv", sys._base_executable)
    for path in [opt_folder / "venv", *(opt_folder / "venv").rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o222)
    root = copy_tracked_files(tmp_in_tmp / "course")
    assert_reference_at_full_marks(root, run_demo(root, python))


def _reachable_by_other_accounts(path):
    """Whether an ordinary account can read ``path``: every folder above it lets others through."""
    path = Path(path).resolve()
    return all(os.stat(folder).st_mode & 0o001 for folder in [path, *path.parents]) and bool(os.stat(path).st_mode & 0o004)


def _system_python():
    """A Python of this version that every account can run (this run's may live in /root)."""
    for folder in ("/usr/bin", "/usr/local/bin"):
        found = Path(folder) / PY_VERSION
        if found.exists():
            return found
    return None


@pytest.fixture
def unprivileged():
    """``(user prefix, base python)``: as root, an ordinary account made for the test and a
    Python it can run; as any other account, that account itself."""
    if os.getuid() != 0:
        yield (), sys._base_executable
        return
    python = _system_python()
    if python is None:
        pytest.skip(f"no {PY_VERSION} outside /root that another account could run")
    if not _reachable_by_other_accounts(PACKAGES):
        pytest.skip(f"this run's packages ({PACKAGES}) are in a folder other accounts cannot enter")
    made = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER],
                          capture_output=True, text=True)
    assert made.returncode in (0, 9), made.stderr                   # 9: it exists already
    try:
        yield ("setpriv", f"--reuid={TEST_USER}", f"--regid={TEST_USER}", "--init-groups"), python
    finally:
        subprocess.run(["userdel", TEST_USER], capture_output=True)


def test_an_unprivileged_instructor_account(tmp_in_tmp, unprivileged):
    as_user, base_python = unprivileged
    root = copy_tracked_files(tmp_in_tmp / "my course")
    home = tmp_in_tmp / "home"
    home.mkdir()
    if as_user:
        account = pwd.getpwnam(TEST_USER)
        for path in [tmp_in_tmp, *tmp_in_tmp.rglob("*")]:
            os.lchown(path, account.pw_uid, account.pw_gid)
    python = light_venv(root / ".venv", base_python, as_user)
    probe = subprocess.run([*as_user, str(python), "-c", "import nbgrader, torch"], capture_output=True, text=True)
    assert probe.returncode == 0, f"the test account cannot use this run's packages ({PACKAGES}): {probe.stderr}"
    done = run_demo(root, python, as_user=as_user, home=home)
    assert_reference_at_full_marks(root, done)
    if as_user:
        owners = {p.stat().st_uid for p in (root / "autograded").rglob("*")}
        assert owners == {pwd.getpwnam(TEST_USER).pw_uid}, owners   # graded by that account, not root


def test_grading_refuses_to_start_in_one_sentence_where_no_sandbox_can_be_made(tmp_in_tmp):
    """No bwrap on PATH: `nbgrader autograde` itself stops before any student, saying why."""
    root = copy_tracked_files(tmp_in_tmp / "course")
    env = {"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(root), "HOME": str(Path.home()),
           "COURSE_SANDBOX": "1", "MPLBACKEND": "Agg"}
    (root / "submitted" / "someone" / ASSIGNMENT).mkdir(parents=True)
    shutil.copy(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", root / "submitted" / "someone" / ASSIGNMENT)
    done = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    said = done.stderr.strip().splitlines()
    assert said[-1].startswith("Cannot grade safely: The grading sandbox needs `bwrap`"), done.stderr[-2000:]
    assert "apt-get install bubblewrap" in said[-1]
    assert "There was an error processing" not in done.stdout + done.stderr        # no student was tried
    assert not (root / "autograded" / "someone").exists()


def test_python_that_cannot_start_in_the_sandbox_is_refused_with_its_own_words(tmp_path):
    with pytest.raises(sandbox.SandboxUnavailable, match=r"cannot start in the grading sandbox: .*nonexistent"):
        sandbox._check_python_starts(python=str(tmp_path / "nonexistent" / "python"))
