"""``make lab`` and ``make formgrader``: JupyterLab on the student view, and on the course root.

    python -m tools.lab student [--port N] [--fresh]   # student-view/: a working copy of release/
    python -m tools.lab formgrader [--port N]          # the course root, formgrader at /formgrader,
                                                       # the class report at /class-report

The student view is what a student opens: a copy of ``release/<id>/`` per assignment in
``student-view/`` (ignored by git), with nbgrader's JupyterLab extensions (the *Validate*
button in every notebook's toolbar, the assignment list) and ipywidgets, all installed by pip
with ``requirements.txt`` and enabled by their own packages, so nothing is set up by hand.
Work in progress there is kept: an assignment folder that already exists is not copied again
(``--fresh`` replaces it).

Servers listen on 127.0.0.1 only, with a random token in the printed URL. Loopback keeps the
network out, not the other users and processes of the machine, nor web pages open in your
browser: the formgrader can grade (run code) and read the gradebook, so the token stays.

The tests (``tests/test_browser.py``) start the same servers with :func:`start`.
"""
import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tools.common.paths import REPO, assignments, course_env
from tools.grader import CELL_TIMEOUT
from tools.report import server as report_server

STUDENT_VIEW = REPO / "student-view"
# What a student's server leaves out (JUPYTER_CONFIG_PATH, before the venv's own settings):
# nbgrader's instructor tools (Create Assignment, Formgrader, the Nbgrader menu), its course
# and assignment lists (they need an exchange, which a laptop or `make lab` has none of, and
# say "Error fetching courses!" without one) and JupyterLab's news. Validate stays.
STUDENT_CONFIG_DIR = REPO / "tools" / "lab_student_config"
# Validate (nbgrader's Validator) reads nbgrader_config.py in the folder the server runs in.
# It judges with the grader's cell timeout.
STUDENT_CONFIG = f'''"""Written by tools/lab.py: what nbgrader's Validate button uses in the student view."""
c = get_config()  # noqa: F821
c.Execute.timeout = {CELL_TIMEOUT}
'''


def student_view(dest=STUDENT_VIEW, assignment_ids=None, fresh=False, release=REPO / "release"):
    """Copy ``release/<id>/`` into ``dest/<id>/`` for each assignment (all by default); an
    existing folder (a student's work) is kept unless ``fresh``. Returns ``dest``."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for aid in assignment_ids or assignments(release):
        target = dest / aid
        if target.exists() and fresh:
            shutil.rmtree(target)
        if not target.exists():
            shutil.copytree(Path(release) / aid, target)
    (dest / "nbgrader_config.py").write_text(STUDENT_CONFIG)
    return dest


def free_port(preferred=None):
    """``preferred`` if it is free on 127.0.0.1, else a port the system picks."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]


def server_env(extra=None):
    """The course environment (venv on PATH, ``course`` importable) for the server and its
    kernels, without the Agg backend the Makefile sets: notebooks draw inline."""
    env = course_env()
    env.pop("MPLBACKEND", None)
    env.update(extra or {})
    return env


def command(root, port, token, open_browser=False, default_url=None, settings_dir=None, extra=()):
    """The ``jupyter lab`` command line for a server on 127.0.0.1:``port`` serving ``root``,
    with the ``extra`` arguments."""
    cmd = [sys.executable, "-m", "jupyterlab", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
           f"--ServerApp.open_browser={open_browser}",
           # Offline and quiet: no news or update checks from the network.
           "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--ServerApp.allow_root=True")   # containers and CI run as root
    if default_url:
        cmd.append(f"--ServerApp.default_url={default_url}")
    if settings_dir:
        cmd += [f"--LabApp.user_settings_dir={Path(settings_dir) / 'user-settings'}",
                f"--LabApp.workspaces_dir={Path(settings_dir) / 'workspaces'}"]
    return cmd + list(extra)


class Server:
    """A running JupyterLab server (see :func:`start`)."""

    def __init__(self, process, port, token, log):
        self.process, self.port, self.token, self.log = process, port, token, Path(log)

    def url(self, path=""):
        sep = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}{sep}token={self.token}"

    def log_tail(self, chars=4000):
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# The instructor's server (the formgrader's) also serves the class report (tools/report/server.py).
INSTRUCTOR_ARGS = (report_server.ENABLE,)


def student_env():
    return {"JUPYTER_CONFIG_PATH": str(STUDENT_CONFIG_DIR)}


def start(root, log, port=None, token=None, settings_dir=None, env=None, timeout=90, student=False):
    """Start JupyterLab serving ``root`` (its working directory too, where nbgrader reads its
    config), wait until it answers, and return a :class:`Server`. Output goes to ``log``;
    ``env`` adds to :func:`server_env`; ``student``: the student's view (``student_env``), else
    the instructor's (:data:`INSTRUCTOR_ARGS`)."""
    env = {**(student_env() if student else {}), **(env or {})}
    port = port or free_port()
    token = token or secrets.token_hex(16)
    out = open(log, "w")
    extra = () if student else INSTRUCTOR_ARGS
    process = subprocess.Popen(command(root, port, token, settings_dir=settings_dir, extra=extra), cwd=root,
                               env=server_env(env), stdout=out, stderr=subprocess.STDOUT)
    out.close()
    server = Server(process, port, token, log)
    deadline = time.time() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited ({process.returncode}):\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url("api/status"), timeout=5) as answer:
                if answer.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.time() > deadline:
            server.stop()
            raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{server.log_tail()}")
        time.sleep(0.5)


def _serve(root, port, default_url, urls, env=None, extra=()):
    token = secrets.token_hex(16)
    open_browser = sys.platform == "darwin" or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    cmd = command(root, port, token, open_browser=open_browser, default_url=default_url, extra=extra)
    print("Open in your browser (Ctrl-C here stops the server):")
    for what, path in urls:
        print(f"  {what}: http://127.0.0.1:{port}/{path}?token={token}")
    sys.stdout.flush()
    # The server replaces this process: Ctrl-C and kill reach it directly, nothing is orphaned.
    os.chdir(root)
    os.execve(cmd[0], cmd, server_env(env))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("view", choices=["student", "formgrader"])
    parser.add_argument("--port", type=int, default=None, help="default: 8888 for student, 8889 for formgrader, or a free one")
    parser.add_argument("--fresh", action="store_true", help="student: replace the student view with a new copy of release/")
    args = parser.parse_args(argv)
    if args.view == "student":
        root = student_view(fresh=args.fresh)
        ids = assignments(root)
        print(f"Student view: {root} (a copy of release/; kept between runs, --fresh or delete a folder to start over)")
        urls = [("JupyterLab", "lab")] + [(aid, f"lab/tree/{aid}/{aid}.ipynb") for aid in ids]
        return _serve(root, free_port(args.port or 8888), "/lab", urls, env=student_env())
    urls = [("formgrader", "formgrader"), ("class report", report_server.PATH),
            ("JupyterLab (Nbgrader menu -> Formgrader)", "lab")]
    return _serve(REPO, free_port(args.port or 8889), "/formgrader", urls, extra=INSTRUCTOR_ARGS)


if __name__ == "__main__":
    sys.exit(main())
