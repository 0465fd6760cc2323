"""The sandbox every single-user server of the class runs in, as its user.

The hub runs as root; a student's server is started in ``bwrap`` (as the grading kernels are,
``tools/grader/sandbox.py``, whose system mounts it reuses) and drops to the student's own
account with ``setpriv``. Inside, it sees a read-only system (``/usr``, ``/etc``), Python, the
course's venv and the hub's packages, the ``course`` package and the course data, the students'
Jupyter and nbgrader settings, and writes to two places only: its own home and nbgrader's
exchange (whose permissions, ``exchange.py``, decide what it may read there). Nothing else of
the instructor's exists there: no ``source/``, ``tools/`` (hidden tests), gradebook, other homes.
It shares the host's network (the server talks to the hub on 127.0.0.1) but has its own process,
IPC and host-name namespaces and a private ``/tmp``; it ends with the hub (``--die-with-parent``).
"""
import os
import pwd
import sys
from pathlib import Path

from course.paths import data_root
from tools.classroom import layout, settings
from tools.common.paths import REPO
from tools.grader import sandbox as grading

SCRATCH_MB = 512        # the private /tmp and /dev/shm (in memory)


def _with_links(paths):
    """(real path, path seen inside) for each path: a folder reached through a symlink (a
    ``.venv`` that links elsewhere) is mounted where it really is and where the link is."""
    pairs = set()
    for path in paths:
        path = Path(path)
        if path.exists():
            pairs.add((path.resolve(), path.resolve()))
            pairs.add((path.resolve(), Path(os.path.abspath(path))))
    return sorted(pairs, key=lambda pair: len(pair[1].parts))      # parents before children


def readable(run):
    return _with_links([Path(sys.base_prefix), layout.COURSE_VENV, layout.hub_site_packages(),
                        REPO / "course", data_root(), run.student_config])


def environment(run, user):
    """The server's environment (added to what JupyterHub sets: its API URL and token, HOME, USER)."""
    return {
        "PATH": f"{layout.COURSE_VENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        # The course package (REPO shows nothing else inside), the students' exchange code
        # (classroom_exchange.py), then jupyterhub.singleuser.
        "PYTHONPATH": f"{REPO}:{run.student_config}:{layout.hub_site_packages()}",
        settings.CONFIG_PATH_ENV: str(run.student_config),
        "COURSE_DATA": str(data_root()),
        "COURSE_SYNTHETIC_DATA": "1",       # no download into the read-only data (start fetched what it could)
        "JUPYTERHUB_DEFAULT_URL": settings.STUDENT_DEFAULT_URL,
    }


def command(run, user, inner):
    """The command line that runs ``inner`` as ``user`` in the user's sandbox."""
    account = pwd.getpwnam(user)
    home = Path(account.pw_dir)
    writable = [home, run.exchange]
    size = ["--size", str(SCRATCH_MB * 2**20)] if grading._bwrap_sizes_tmpfs() else []
    args = [grading.BWRAP, "--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--hostname", "classroom", *grading._system_binds(),
            "--proc", "/proc", "--dev", "/dev", "--perms", "1777", *size, "--tmpfs", "/tmp",
            "--perms", "1777", *size, "--tmpfs", "/dev/shm"]
    reads = readable(run)
    args += grading._parent_dirs([*(inside for _, inside in reads), *writable])
    for real, inside in reads:
        args += ["--ro-bind", str(real), str(inside)]
    for path in writable:
        args += ["--bind", str(path), str(path)]
    args += ["--chdir", str(home), "--", grading.SETPRIV, f"--reuid={account.pw_uid}",
             f"--regid={account.pw_gid}", "--init-groups", "--inh-caps=-all", "--bounding-set=-all",
             "--no-new-privs"]
    return args + list(inner)


def server_command(run, user):
    return command(run, user, [str(layout.COURSE_PYTHON), "-m", "jupyterhub.singleuser"])
