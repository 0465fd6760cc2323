"""Autograded kernels run in a bubblewrap sandbox.

nbgrader runs each student's notebook in a kernel with the grader's permissions. Here every
autograded kernel is started inside ``bwrap`` (Debian's ``bubblewrap``):

- **files**: the kernel sees a read-only system (``/usr``, ``/etc``), the Python installation
  and virtual environment, the ``course`` package and the course data, and nothing else of
  the instructor's (no ``source/``, gradebook, other submissions, ``tools/``, ``catalogue/``,
  home directory). It writes only to file systems of its own, in memory and of a fixed size,
  which vanish with it: its working folder (mounted at the path of nbgrader's
  ``autograded/<student>/<assignment>/``, which it never sees, so nbgrader never reads or follows
  anything the kernel wrote), ``/tmp`` and ``/dev/shm``; and to the folder of its own
  connection sockets;
- **network**: none (a fresh network namespace); the kernel talks to nbgrader over Unix
  sockets (ZeroMQ's ``ipc`` transport) in a private folder;
- **processes**: its own PID namespace; when the kernel ends, every process it started ends
  with it (and with the grader, ``--die-with-parent``);
- **limits**: memory, CPU time, processes, file size, no core dumps (``Limits``);
- **identity**: run as root (as on these machines), the kernel drops to an unprivileged
  user id of its own, so it cannot override file permissions and the process limit applies.

``SandboxedKernelManager`` wires this into nbgrader's kernel launch (see nbgrader_config.py,
on by default). ``COURSE_SANDBOX=0`` turns it off (for trusted notebooks only).
"""
import functools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager

from tools.grader.memory_group import MemoryGroup

# Not course.data: that imports torch, seconds on every kernel start.
from course.paths import data_root
from tools.common.paths import REPO

BWRAP = "bwrap"
SETPRIV = "/usr/bin/setpriv"
FIRST_UID = 200000                    # sandboxed kernels run as FIRST_UID + (pid % UID_SPAN)
UID_SPAN = 100000
# Environment passed into the sandbox; everything else (tokens, database URLs) stays out.
PASSED_ENV = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "MPLBACKEND", "NBGRADER_EXECUTION", "PYDEVD_DISABLE_FILE_VALIDATION",
              "OMP_NUM_THREADS", "MKL_NUM_THREADS", "COURSE_SYNTHETIC_DATA")


class SandboxUnavailable(RuntimeError):
    pass


FIX = ("Install bubblewrap (`apt-get install bubblewrap`; `make venv` does it when run as root) and "
       "allow user namespaces (sysctl kernel.unprivileged_userns_clone=1), or grade trusted "
       "notebooks only, with COURSE_SANDBOX=0.")


def enabled():
    return os.environ.get("COURSE_SANDBOX", "1") != "0"


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 4096        # RLIMIT_DATA: heap and anonymous memory of each process
    cpu_seconds: int = 900       # RLIMIT_CPU: per process (cells also have nbgrader's timeout)
    processes: int = 256         # RLIMIT_NPROC: processes and threads of the sandbox user
    file_mb: int = 256           # RLIMIT_FSIZE: largest file the kernel may write
    scratch_mb: int = 512        # size of each of the sandbox's own file systems (working folder, /tmp, /dev/shm)
    total_memory_mb: int = 4096  # all the sandbox's processes and files together, where a cgroup can be made

    @classmethod
    def from_env(cls):
        return cls(memory_mb=int(os.environ.get("COURSE_SANDBOX_MEMORY_MB", cls.memory_mb)),
                   cpu_seconds=int(os.environ.get("COURSE_SANDBOX_CPU_SECONDS", cls.cpu_seconds)),
                   processes=int(os.environ.get("COURSE_SANDBOX_PROCESSES", cls.processes)),
                   file_mb=int(os.environ.get("COURSE_SANDBOX_FILE_MB", cls.file_mb)),
                   scratch_mb=int(os.environ.get("COURSE_SANDBOX_SCRATCH_MB", cls.scratch_mb)),
                   total_memory_mb=int(os.environ.get("COURSE_SANDBOX_TOTAL_MEMORY_MB", cls.total_memory_mb)))

    def apply(self, processes_already=0):
        mb = 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (self.memory_mb * mb,) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (self.cpu_seconds,) * 2)
        resource.setrlimit(resource.RLIMIT_NPROC, (processes_already + self.processes,) * 2)
        resource.setrlimit(resource.RLIMIT_FSIZE, (self.file_mb * mb,) * 2)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _site_packages():
    """Folders of installed packages on ``sys.path`` outside the two prefixes: a venv that adds
    another's packages through a ``.pth`` file, a user site. Only such folders, never a
    source tree on the path (an editable install of ``course`` puts the course root there)."""
    return [Path(entry) for entry in sys.path
            if entry and Path(entry).name in ("site-packages", "dist-packages") and Path(entry).is_dir()]


WORKER_ENV = "COURSE_SANDBOX_WORKER"     # set by tools.grader.worker_process: the sandbox runs the grading worker
WORKER_CODE = REPO / "tools" / "worker"


def readable_paths(worker=False):
    """What a kernel needs to read: Python, the virtual environment, the course package, data;
    the grading worker also reads its own code (``tools/worker``, which knows no answer).
    Pairs (real path, path in the sandbox): a folder reached through a symlink (a course root
    or a ``.venv`` that links elsewhere) is mounted both where it really is and where the link is."""
    pairs = set()
    extra = [WORKER_CODE] if worker else []
    for path in (Path(sys.base_prefix), Path(sys.prefix), *_site_packages(), REPO / "course", data_root(), *extra):
        if path.exists():
            pairs.add((path.resolve(), path.resolve()))
            pairs.add((path.resolve(), Path(os.path.abspath(path))))
    return sorted(pairs)


def _system_binds():
    args = ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    return args


def _parent_dirs(paths):
    """bwrap would create the folders above a bind with the host's modes (/root is 0700, which
    the sandbox user could not enter); create them world-readable instead. Folders that are
    mounts of their own (``/usr``, the private ``/tmp``) already exist."""
    mounts, made, args = {Path(p) for p in ("/usr", "/etc", "/tmp", "/proc", "/dev")}, set(), []
    for path in paths:
        for parent in reversed(path.parents[:-1]):
            inside_a_bind = any(parent == p or p in parent.parents for p in paths)
            under_system = any(parent == m or m in parent.parents for m in mounts - {Path("/tmp")})
            if parent in mounts or under_system or parent in made or inside_a_bind:
                continue
            made.add(parent)
            args += ["--perms", "0755", "--dir", str(parent)]
    return args


def sandbox_env(env):
    kept = {k: v for k, v in env.items() if k in PASSED_ENV}
    kept.update(COURSE_DATA=str(data_root()),
                PATH=f"{Path(sys.prefix) / 'bin'}:/usr/local/bin:/usr/bin:/bin", PYTHONPATH=str(REPO),
                HOME="/tmp", MPLCONFIGDIR="/tmp/matplotlib", PYTHONDONTWRITEBYTECODE="1")
    return kept


def sandbox_uid():
    return FIRST_UID + os.getpid() % UID_SPAN if os.getuid() == 0 else os.getuid()


def bwrap_command(kernel_cmd, workdir, writable=(), uid=None, private_workdir=False, limits=None, worker=False):
    """The command line that runs ``kernel_cmd`` in the sandbox, in ``workdir``.

    ``private_workdir``: the kernel works in an empty file system of its own mounted at
    ``workdir``'s path, not in the folder itself, so nothing it writes (a symlink, a module
    named like one it imports, a million files) is ever read or followed by nbgrader, and
    it is gone when the sandbox ends. Grading always uses it."""
    uid = sandbox_uid() if uid is None else uid
    size = ["--size", str((limits or Limits.from_env()).scratch_mb * 2**20)] if _bwrap_sizes_tmpfs() else []
    # No user namespace when run as root: setpriv then drops to a real, unmapped uid of its own.
    namespaces = (["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
                  if os.getuid() == 0 else ["--unshare-all"])
    args = [BWRAP, *namespaces, "--die-with-parent", "--hostname", "sandbox", *_system_binds()]
    # The sandbox's own file systems come first and every bind after them: a private /tmp
    # mounted later would hide a course root, a venv or a working folder that lives under /tmp.
    # They live in memory, so each has a size.
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", *size, "--tmpfs", "/tmp",
             "--perms", "1777", *size, "--tmpfs", "/dev/shm"]
    workdir = Path(workdir).resolve()
    writable = [Path(p).resolve() for p in writable] + ([] if private_workdir else [workdir])
    readable = readable_paths(worker)
    args += _parent_dirs([*(inside for _, inside in readable), *writable, workdir])
    for real, inside in sorted(readable, key=lambda pair: len(pair[1].parts)):   # parents before children
        args += ["--ro-bind", str(real), str(inside)]
    if private_workdir:
        args += ["--perms", "1777", *size, "--tmpfs", str(workdir)]
    gpus = sorted(Path("/dev").glob("nvidia*"))
    for device in gpus:
        args += ["--dev-bind", str(device), str(device)]     # a GPU, where there is one
    if gpus:
        args += ["--ro-bind", "/sys", "/sys"]                # the CUDA driver reads it
    for path in writable:
        args += ["--bind", str(path), str(path)]
    args += ["--chdir", str(workdir)]
    if os.getuid() == 0:
        # bwrap keeps root's capabilities for the command; setpriv gives them all up.
        args += ["--", SETPRIV, f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
    else:
        args += ["--"]
    return args + list(kernel_cmd)


@functools.lru_cache(maxsize=None)
def _bwrap_sizes_tmpfs():
    """bubblewrap 0.8 (Debian 12) sizes a tmpfs (``--size``); older ones (Ubuntu 22.04's 0.6)
    do not, and their file systems are then bounded by the memory limits alone."""
    try:
        shown = subprocess.run([BWRAP, "--help"], capture_output=True, text=True).stdout
    except OSError:
        return False
    return "--size" in shown


def check_available():
    """Raise SandboxUnavailable, in one sentence saying why and how to fix it, where no kernel
    can be sandboxed: bwrap missing or refused, or Python unable to start inside the sandbox
    (the course's files out of the sandbox user's reach, a limit too tight). The full check
    runs once per process; later calls repeat only the quick probe of bwrap."""
    global _python_checked
    if shutil.which(BWRAP) is None:
        raise SandboxUnavailable(f"The grading sandbox needs `bwrap`, which is not installed. {FIX}")
    probe = subprocess.run([BWRAP, "--unshare-all", "--ro-bind", "/", "/", "--", "true"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        raise SandboxUnavailable(f"`bwrap` cannot create a sandbox here ({_last_lines(probe.stderr)}). {FIX}")
    if os.getuid() == 0 and not os.path.exists(SETPRIV):
        raise SandboxUnavailable(f"Grading as root needs {SETPRIV} (util-linux) to drop privileges.")
    if not _python_checked:
        _check_python_starts()
        _python_checked = True


_python_checked = False


def refuse_to_grade_without_sandbox(argv=None):
    """Called by nbgrader_config.py: an ``nbgrader autograde`` run with the sandbox on exits at
    once, saying why, where no sandbox can be made (nbgrader's command is its first argument)."""
    argv = sys.argv if argv is None else argv
    if enabled() and argv[1:2] == ["autograde"]:
        try:
            check_available()
        except SandboxUnavailable as error:
            sys.exit(f"Cannot grade safely: {error}")


def _last_lines(text, count=3):
    return " | ".join(line.strip() for line in text.strip().splitlines()[-count:]) or "no message"


def _check_python_starts(python=None):
    """Start the kernel's Python in a sandbox built as for a kernel, and import what a kernel needs."""
    python = python or sys.executable
    workdir = tempfile.mkdtemp(prefix="course-sandbox-check-")
    try:
        uid = sandbox_uid()
        hand_over([workdir], uid)
        already = _count_processes(uid) if os.getuid() else 0
        command = bwrap_command([python, "-c", "import ipykernel, course"], workdir, uid=uid, private_workdir=True)
        done = subprocess.run(command, capture_output=True, text=True, env=sandbox_env(os.environ), timeout=120,
                              preexec_fn=lambda: Limits.from_env().apply(already))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if done.returncode != 0:
        raise SandboxUnavailable(
            f"Python ({python}) cannot start in the grading sandbox: {_last_lines(done.stderr)}; make the "
            f"virtual environment and {REPO / 'course'} readable by every user (kernels run as an "
            f"unprivileged user) and check the COURSE_SANDBOX_* limits, or grade trusted notebooks "
            f"only, with COURSE_SANDBOX=0.")


def hand_over(folders, uid):
    """Grading as root, the sandbox user gets the folders it may write (and their files)."""
    if os.getuid() != 0:
        return
    for folder in folders:
        os.chown(folder, uid, uid)
        for entry in Path(folder).iterdir():
            os.chown(entry, uid, uid)


def _count_processes(uid):
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                count += entry.stat().st_uid == uid
            except OSError:
                pass
    return count


def run(argv):
    """``python -m tools.grader.sandbox WORKDIR RUNTIME_DIR -- KERNEL_CMD...``: apply limits, exec
    bwrap. The kernel works in a private file system at WORKDIR's path; the folder itself (nbgrader's
    ``autograded/<student>/<assignment>/``) is neither shown to it nor handed over."""
    workdir, runtime_dir, sep, *kernel_cmd = argv
    assert sep == "--", "usage: python -m tools.grader.sandbox WORKDIR RUNTIME_DIR -- KERNEL_CMD..."
    worker = os.environ.get(WORKER_ENV) == "1"
    # The worker runs as a user of its own, so the kernel grading the same submission beside it
    # cannot signal or trace it.
    uid, limits = sandbox_uid() + (UID_SPAN if worker else 0), Limits.from_env()
    group = os.environ.get(MEMORY_GROUP_ENV)
    if group:                      # made by the kernel manager, which removes it when the kernel ends
        Path(group, "cgroup.procs").write_text(str(os.getpid()))
    hand_over([runtime_dir], uid)
    limits.apply(processes_already=_count_processes(uid) if os.getuid() else 0)
    command = bwrap_command(kernel_cmd, workdir, [runtime_dir], uid, private_workdir=True, limits=limits,
                            worker=worker)
    os.execvpe(command[0], command, sandbox_env(os.environ))


class StderrTail:
    """Reads a kernel's standard error through a pipe: passes it on to the grader's own stderr
    (up to ``PASSED_ON`` bytes, so a kernel cannot flood the log) and keeps the last lines, the
    reason to record when the kernel does not start or dies."""

    PASSED_ON = 64 * 1024

    def __init__(self, keep=5):
        import collections
        import threading
        self._read, self.write_end = os.pipe()
        self._lines = collections.deque(maxlen=keep)
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()

    def _pump(self):
        passed = 0
        with os.fdopen(self._read, "rb") as stream:
            for line in stream:
                if passed < self.PASSED_ON:
                    os.write(2, line[:self.PASSED_ON - passed])
                    passed += len(line)
                text = line.decode("utf-8", "replace").strip()
                if text:
                    self._lines.append(text[:300])

    def launched(self):
        """The kernel holds the write end now; the grader lets go of it, so the pipe ends with the kernel."""
        os.close(self.write_end)

    def last_lines(self, wait=1.0):
        self._thread.join(wait)       # a kernel that just died: let its last words arrive
        return list(self._lines)


CONTROL_SEND_MS = 5000
MEMORY_GROUP_ENV = "COURSE_SANDBOX_MEMORY_GROUP"      # the wrapper's environment only, not the sandbox's


class BoundedSendClient(AsyncKernelClient):
    """A kernel client whose sends give up after a few seconds. A kernel can break its own
    sockets (by writing over their descriptors); a message sent to it, the heartbeat's
    included, would then block nbgrader for ever. ``zmq.Again`` instead, and GradingExecute
    kills the kernel."""

    def _context_default(self):
        context = super()._context_default()
        context.setsockopt(zmq.SNDTIMEO, CONTROL_SEND_MS)
        return context


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose Python kernels run in the sandbox and talk over Unix sockets
    in a folder of their own (so no other kernel can reach them). ``stderr_tail()`` gives the
    kernel's last lines of standard error (why it did not start, or died); where a memory
    cgroup can be made, all the sandbox's processes share one limit (``memory_limit_hit``)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"
        self._runtime_dir = tempfile.mkdtemp(prefix="course-kernel-")
        self.connection_file = os.path.join(self._runtime_dir, "kernel.json")
        self.ip = os.path.join(self._runtime_dir, "ipc")
        self._stderr = None
        self._memory_group = None
        self.memory_limit_hit = False
        self.client_factory = BoundedSendClient

    @property
    def kernel_spec(self):
        # Interrupt (nbgrader's cell timeout) by message: a SIGINT to the process group would
        # reach bwrap, which would die and take the kernel with it.
        spec = super().kernel_spec
        if spec is not None:
            spec.interrupt_mode = "message"
        return spec

    def _connect_control_socket(self):
        # See BoundedSendClient: the manager's own interrupts and shutdown requests too.
        super()._connect_control_socket()
        self._control_socket.setsockopt(zmq.SNDTIMEO, CONTROL_SEND_MS)

    def stderr_tail(self, wait=1.0):
        return self._stderr.last_lines(wait) if self._stderr else []

    def memory_limit_reached(self):
        """Whether the sandbox's processes together hit its memory limit (the kernel's death)."""
        group = self._memory_group
        return self.memory_limit_hit or (group is not None and group.oom_kills() > 0)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        if "-f" in kernel_cmd and "ipykernel" in " ".join(kernel_cmd[:3]):
            check_available()
            workdir = os.path.abspath(kw.get("cwd") or os.getcwd())
            kernel_cmd = [sys.executable, "-m", "tools.grader.sandbox", workdir, self._runtime_dir, "--", *kernel_cmd]
            env = dict(kw.get("env") or os.environ)
            env["PYTHONPATH"] = str(REPO)      # so `-m tools.grader.sandbox` is found from any folder
            self._memory_group = MemoryGroup.create(Path(self._runtime_dir).name, Limits.from_env().total_memory_mb)
            if self._memory_group is not None:
                env[MEMORY_GROUP_ENV] = str(self._memory_group.folder)
            kw["env"] = env
        self._stderr = StderrTail()
        kw["stderr"] = self._stderr.write_end
        try:
            await super()._async_launch_kernel(kernel_cmd, **kw)
        finally:
            self._stderr.launched()

    def release_resources(self):
        """Remove the memory group (killing what is left in it) and the socket folder. Safe to
        call more than once; GradingExecute calls it when grading ends, whatever happened."""
        if self._memory_group is not None:
            self._memory_group.remove()
            self.memory_limit_hit = self.memory_limit_hit or self._memory_group.limit_hit
            self._memory_group = None
        shutil.rmtree(self._runtime_dir, ignore_errors=True)

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self.release_resources()


if __name__ == "__main__":
    run(sys.argv[1:])
