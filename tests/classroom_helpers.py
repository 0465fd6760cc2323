"""Tests-only helpers for tests/test_classroom.py and tests/test_classroom_browser.py: a class
started with the real command, the hub's REST API as each account uses it, and commands run as a
student in the student's sandbox."""
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tools.classroom import accounts, layout, sandbox
from tools.common.courses import make_course, nbgrader
from tools.common.paths import REPO, course_env

ACCOUNT_LINE = re.compile(r"^\s+(instructor|teaching assistant|student)\s+(\S+)\s+(\S+)$")


def classroom_command(*args):
    return subprocess.run([sys.executable, "-m", "tools.classroom", *args], cwd=REPO, env=course_env(),
                          capture_output=True, text=True, timeout=600)


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


def printed_accounts(output):
    """{name: (role, password)} from what `start` prints."""
    return {m.group(2): (m.group(1), m.group(3)) for m in map(ACCOUNT_LINE.match, output.splitlines()) if m}


@dataclass
class Hub:
    url: str

    def login(self, user, password):
        """A browser-like session after the hub's login form; ``.login_status``: 302 when accepted."""
        session = requests.Session()
        session.get(self.url + "hub/login", timeout=30)
        answer = session.post(self.url + "hub/login", allow_redirects=False, timeout=60,
                              data={"username": user, "password": password, "_xsrf": session.cookies.get("_xsrf")})
        session.login_status = answer.status_code
        session.headers["X-XSRFToken"] = session.cookies.get("_xsrf", path="/hub/") or ""
        return session

    def token(self, user, password):
        """An API token of ``user``, asked for after logging in with the password."""
        session = self.login(user, password)
        assert session.login_status == 302, f"{user} could not log in ({session.login_status})"
        answer = session.post(f"{self.url}hub/api/users/{user}/tokens", json={"note": "test"}, timeout=30)
        answer.raise_for_status()
        return answer.json()["token"]

    def get(self, token, path, **kw):
        return requests.get(self.url + path.lstrip("/"), headers={"Authorization": f"token {token}"},
                            allow_redirects=False, timeout=60, **kw)

    def post(self, token, path, **kw):
        return requests.post(self.url + path.lstrip("/"), headers={"Authorization": f"token {token}"},
                             allow_redirects=False, timeout=60, **kw)

    def start_server(self, token, user, timeout=180):
        answer = self.post(token, f"hub/api/users/{user}/server")
        assert answer.status_code in (201, 202, 400), answer.text       # 400: already running
        deadline = time.time() + timeout
        while time.time() < deadline:
            server = self.get(token, "hub/api/user").json()["servers"].get("", {})
            if server.get("ready"):
                return server
            time.sleep(1)
        raise AssertionError(f"{user}'s server was not ready within {timeout} s")


def as_user(run, user, shell, check=True, env=None):
    """Run ``shell`` (bash) as ``user`` in the sandbox and environment of the user's server."""
    command = sandbox.command(run, user, ["/bin/bash", "-c", shell])
    environment = {"HOME": f"/home/{user}", "USER": user, "LANG": "C.UTF-8",
                   **sandbox.environment(run, user), **(env or {})}
    done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)
    if check and done.returncode != 0:
        raise AssertionError(f"as {user}: {shell!r} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done


def instructor(run, *args):
    """An nbgrader command of the instructors' side (root, in the course root, the class's
    exchange and gradebook), as the formgrader runs them."""
    return nbgrader(run.course_root, *args, env=run.instructor_env())


def load_run(folder):
    return layout.Run.load(folder)
