"""Tests-only helpers for tests/test_classroom.py and tests/test_classroom_browser.py: a class
started with the real command for a test (``running_class``). Driving a class (the real command,
the hub's REST API, commands as a student in the sandbox) lives in tools/classroom/driver.py, which
the load bench shares."""
import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tools.classroom import accounts, layout
from tools.classroom.driver import (ACCOUNT_LINE, Hub, as_user, classroom_command, instructor,  # noqa: F401
                                    printed_accounts)
from tools.common.courses import make_course


@contextlib.contextmanager
def running_class(assignments, tag, *options):
    """A class of two students started with the real command (``start ... --port 0``, accounts
    prefixed ``<tag><pid>-``, so classes of several tests may run at once) on a throwaway course
    root holding ``assignments`` under a path with a space: ``(run, {name: (role, password)})``.
    Stopped with ``stop --purge`` at the end, which must leave no account and no run folder."""
    if not layout.is_root():
        pytest.skip("make classroom creates Unix accounts: the classroom tests need root")
    assert (layout.HUB_VENV / ".installed").exists(), "the hub is not installed: make .classroom/hub-venv/.installed"
    top = Path(tempfile.mkdtemp(prefix="classroom test "))
    os.chmod(top, 0o755)
    course_root = make_course(top / "my course", assignments)
    folder, prefix = top / "run", f"{tag}{os.getpid() % 100000}-"
    started = classroom_command("start", "--students", "2", "--prefix", prefix, "--port", "0",
                                "--run-dir", str(folder), "--course-root", str(course_root), *options)
    try:
        assert started.returncode == 0, f"start failed:\n{started.stdout}\n{started.stderr}"
        yield load_run(folder), printed_accounts(started.stdout)
    finally:
        users = accounts.names(prefix, 2)
        stopped = classroom_command("stop", "--purge", "--run-dir", str(folder))
        left = [name for group in users for name in group if accounts.exists(name)]
        run_left = folder.exists() and started.returncode == 0     # a failed start keeps its gradebook
        shutil.rmtree(top, ignore_errors=True)
        assert stopped.returncode == 0 and not left and not run_left, \
            f"stop left accounts {left} or {folder}:\n{stopped.stdout}\n{stopped.stderr}"


def load_run(folder):
    return layout.Run.load(folder)
