"""A class driven from outside, as its users act: the real ``start``/``stop`` commands, the hub's
REST API as each account uses it, nbgrader commands run as a student in the student's sandbox, and
the instructors' nbgrader commands. Used by the load bench (``bench.py``) and the classroom tests."""
import re
import subprocess
import sys
import time
from dataclasses import dataclass

import requests

from tools.classroom import sandbox
from tools.common.courses import nbgrader
from tools.common.paths import REPO, course_env

ACCOUNT_LINE = re.compile(r"^\s+(instructor|teaching assistant|student)\s+(\S+)\s+(\S+)$")


def classroom_command(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "tools.classroom", *args], cwd=REPO, env=course_env(),
                          capture_output=True, text=True, timeout=timeout)


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
        if session.login_status != 302:
            raise AssertionError(f"{user} could not log in ({session.login_status})")
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
        if answer.status_code not in (201, 202, 400):         # 400: already running
            raise AssertionError(f"{user}'s server did not start ({answer.status_code}): {answer.text[:300]}")
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
