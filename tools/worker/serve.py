"""The grading worker: a process in the sandbox that loads a student's definitions and calls
them as the hidden tests ask, one exercise at a time.

``python -m tools.worker.serve`` reads one request per line on standard input and answers one
line per request (``tools.worker.wire``). It first imports the libraries every notebook uses,
then, for each exercise, forks a child that builds a fresh namespace and answers the calls:

1. the notebook's locked set-up cell (imports, seeds);
2. the definitions (imports, ``def``, ``class``, assignments without calls) of the student's
   other cells, so helpers they wrote elsewhere are there;
3. the reference versions of the pieces the exercise builds on, shipped by the hidden tests:
   a mistake in ``sigmoid`` is not graded again in ``forward``;
4. the exercise's answer cell, statement by statement (a failing ``print(...)`` of notebook
   data below the function costs nothing).

The child answers ``call`` (a student's function, with arguments by value), ``probe`` (a
function of the hidden tests' probes module, handed the namespace: it builds models, loaders,
optimizers, calls the student's code and reports what happened) and ``done``. It never
decides anything: it returns values, and the verdict is computed outside the sandbox.
Student code can write anything to standard output; the answers go through a descriptor of
their own, and a forged answer is only ever a wrong one.

In the sandbox (``--in-sandbox``) one worker serves every submission a grading process takes
(``tools.grader.worker_process``), so nothing a child does may outlive it: when a child ends,
every other process of the sandbox is killed before the next request is read (nothing left
behind can read or answer the requests of the next exercise), ``reset`` between submissions
empties the sandbox's writable folders, the worker cannot be traced or have its memory read by
its children (not dumpable), and its module path holds no folder they can write.
"""
import ctypes
import os
import select
import shutil
import signal
import sys
import time
import traceback

try:
    from tools.worker import wire
except ImportError:                  # run as a file
    import wire

# torch._dynamo: the first optimizer a process builds imports it, seconds each time otherwise.
# The course modules the notebooks' set-up cells import (course.data brings torchvision): a
# child of a later assignment otherwise spends most of its start importing them.
PRELOAD = ["numpy", "torch", "torch.nn", "torch.nn.functional", "torch.optim", "torch._dynamo", "torch.utils.data",
           "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline", "IPython",
           "IPython.core.interactiveshell", "tqdm.auto",
           "course.checks", "course.notebook", "course.plotting", "course.probes", "course.data", "course.loaders",
           "course.live", "course.device", "course.toy_data", "course.boundaries", "course.explorers",
           "course.cifar_experiments", "course.regularization"]


class Channel:
    """Lines in on one descriptor, out on another; unbuffered reads, so a forked child sees
    exactly the requests sent after it was forked."""

    def __init__(self, fd_in, fd_out):
        self.fd_in, self.fd_out, self._pending = fd_in, fd_out, b""

    def has_line(self):
        return b"\n" in self._pending

    def read_line(self):
        while b"\n" not in self._pending:
            chunk = os.read(self.fd_in, 1 << 20)
            if not chunk:
                raise EOFError
            self._pending += chunk
            if len(self._pending) > wire.MAX_LINE:
                raise EOFError
        line, self._pending = self._pending.split(b"\n", 1)
        return line

    def read(self):
        return wire.json.loads(self.read_line())

    def write_line(self, line):
        _write_all(self.fd_out, line + b"\n")

    def write(self, message):
        self.write_line(wire.json.dumps(message, separators=(",", ":")).encode())


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def preload(names):
    """Import what the forked children will use (a library that fails to import is skipped:
    the code that needs it then says so itself). Also used by ``tools.grader.forkkernel``."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in names:
        try:
            __import__(name)
        except Exception:
            pass


def _shell():
    preload(PRELOAD)
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config
    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    shell.enable_gui = lambda gui=None: None       # `%matplotlib inline` without a kernel: figures just drawn
    return shell


def _error(error):
    return {"type": type(error).__name__, "message": str(error)[:500]}


def _exec_each(chunks, namespace, where, errors):
    for chunk in chunks:
        try:
            exec(compile(chunk, f"<{where}>", "exec"), namespace)
        except BaseException as error:          # SystemExit and KeyboardInterrupt too: keep loading
            errors.append({"where": where, **_error(error)})


def build(shell, request):
    """The exercise's namespace (see the module docstring); returns the errors met on the way."""
    errors = []
    ns = shell.user_ns
    ns["get_ipython"] = lambda: shell
    _exec_each(request.get("setup", []), ns, "set-up cell", errors)
    _exec_each(request.get("definitions", []), ns, "your other cells", errors)
    references = {"__name__": "course_reference"}
    exec(compile(request.get("references", ""), "<reference>", "exec"), references)
    for name in request.get("dependencies", []):
        ns[name] = references[name]
    probes = {"__name__": "course_probes"}
    exec(compile(request.get("probes", ""), "<probes>", "exec"), probes)
    _exec_each(request.get("answer", []), ns, "your answer cell", errors)
    return ns, probes, errors


def answer(request, ns, probes):
    """One call or probe, by value."""
    op, name = request.get("op"), request.get("name")
    table = ns if op == "call" else probes
    if name not in table:
        return {"missing": name}
    args = wire.decode(request.get("args", []))
    kwargs = wire.decode(request.get("kwargs", {"__dict__": []}))
    try:
        value = table[name](*args, **kwargs) if op == "call" else table[name](ns, *args, **kwargs)
    except BaseException as error:
        return {"raised": {**_error(error), "line": _student_line(error)}}
    try:
        return {"value": wire.encode(value)}
    except Exception as error:
        return {"raised": {"type": "UnreadableResult", "message": f"the result could not be read: {error}"[:300]}}


def _student_line(error):
    """The last line of the student's own code in the traceback, if any (for the message)."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<your")]
    return frames[-1].line if frames and frames[-1].line else ""


def serve_exercise(channel, shell, request):
    """In the forked child: build the namespace, then answer until ``done``."""
    ns, probes, errors = build(shell, request)
    channel.write({"loaded": errors})
    while True:
        request = channel.read()
        if request.get("op") == "done":
            return
        channel.write(answer(request, ns, probes))


def _in_sandbox():
    """Asked for, and true: process 1 is bubblewrap's, so ``kill(-1)`` reaches the sandbox only."""
    try:
        with open("/proc/1/cmdline", "rb") as cmdline:
            return "--in-sandbox" in sys.argv and os.path.basename(cmdline.read().split(b"\0")[0]) == b"bwrap"
    except OSError:
        return False


def _not_traceable():
    """PR_SET_DUMPABLE 0: processes of the same user (the children) cannot trace this one or
    read its memory; the flag is inherited by each fork."""
    ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)


def _end_every_other_process(seconds=10):
    """Kill every process of the sandbox but this one (``kill(-1)`` spares process 1, bubblewrap's)
    and wait until they are gone. False if some would not go."""
    me, deadline = os.getpid(), time.monotonic() + seconds
    while True:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        while True:
            try:
                if os.waitpid(-1, os.WNOHANG)[0] == 0:
                    break
            except ChildProcessError:
                break
        others = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]
        if not others:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)


def _paths(roots):
    """Every path under ``roots``, links not followed."""
    found = set()
    for root in roots:
        for folder, dirs, files in os.walk(root):
            found.update(os.path.join(folder, name) for name in dirs + files)
    return found


def _empty(folder, kept):
    """Remove what is in ``folder`` and not in ``kept`` (the sandbox's own mount points, there
    before the worker ran anything), links removed, never followed."""
    for entry in os.scandir(folder):
        try:
            if entry.path in kept and entry.is_dir(follow_symlinks=False):
                _empty(entry.path, kept)
            elif entry.path not in kept:
                shutil.rmtree(entry.path) if entry.is_dir(follow_symlinks=False) else os.unlink(entry.path)
        except OSError:
            pass


def _reset(roots, kept):
    """No other process, nothing written: True if the sandbox is as the worker found it."""
    if not _end_every_other_process():
        return False
    for root in roots:
        _empty(root, kept)
    return _paths(roots) == kept


def relay(channel, pid, to_child, from_child):
    """Pass the grader's requests to the exercise's child and one line back for each, until the
    child ends; returns (its exit status, whether a reply is still owed). The grader's channel
    is the worker's alone: the child and anything it starts hold only their own pipes, their
    lines reach the grader wrapped (``_wrapped``), and a line nobody asked for is dropped, so
    whatever they write cannot answer a later request or speak for the worker."""
    pidfd = os.pidfd_open(pid)
    owed, partial, watching = 1, b"", True       # the "exercise" request: the child answers "loaded"
    try:
        while True:
            if owed == 0 and channel.has_line():
                ready = [channel.fd_in]
            else:
                watched = [pidfd] + ([from_child] if watching else []) + ([channel.fd_in] if owed == 0 else [])
                ready = select.select(watched, [], [])[0]
            if pidfd in ready:
                break
            if watching and from_child in ready:
                chunk = os.read(from_child, 1 << 20)
                watching = bool(chunk)
                partial += chunk
                while owed and b"\n" in partial:
                    line, partial = partial.split(b"\n", 1)
                    channel.write_line(_wrapped(line))
                    owed -= 1
                if not owed or len(partial) > wire.MAX_LINE:
                    partial = b""
            if channel.fd_in in ready and owed == 0:
                line = channel.read_line()
                owed += 1
                try:
                    _write_all(to_child, line + b"\n")
                except OSError:
                    pass                 # it is ending: "ended" answers
    finally:
        os.close(pidfd)
        for fd in (to_child, from_child):
            os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), owed > 0


def _wrapped(line):
    """A child's line as the grader receives it: ``{"child": <its line>}``, only if the line is
    one JSON value (so it can neither break out of the wrapping nor pass for the worker's own
    ``ended``); otherwise ``{"garbled": true}``."""
    try:
        wire.json.loads(line)
    except ValueError:
        return b'{"garbled":true}'
    return b'{"child":' + line + b'}'


def _child(channel, quiet, shell, request):
    """In the forked child: its own pipes only (none of the grader's channel), then the exercise."""
    to_child, from_child = os.pipe(), os.pipe()
    pid = os.fork()
    if pid:
        os.close(to_child[0])
        os.close(from_child[1])
        return pid, to_child[1], from_child[0]
    status = 0
    try:
        os.dup2(quiet, 0)
        os.close(channel.fd_out)
        os.close(to_child[1])
        os.close(from_child[0])
        serve_exercise(Channel(to_child[0], from_child[1]), shell, request)
    except BaseException:
        status = 3
    finally:
        os._exit(status)


def main():
    sandboxed = _in_sandbox()
    scratch = ["/tmp", "/dev/shm", os.getcwd()]
    kept = _paths(scratch) if sandboxed else set()      # before anything is written
    if sandboxed:
        _not_traceable()
        sys.path[:] = [p for p in sys.path if p not in ("", os.getcwd())]     # the children write there
    channel = Channel(0, os.dup(1))
    quiet = os.open(os.devnull, os.O_RDWR)
    os.dup2(quiet, 1)                   # what student code prints goes nowhere
    os.dup2(quiet, 2)
    shell = _shell()
    channel.write({"ready": True})
    last_status = 0
    while True:
        try:
            request = channel.read()
        except (EOFError, ValueError):
            return
        op = request.get("op") if type(request) is dict else None
        if op == "reset" and sandboxed:
            channel.write({"reset": _reset(scratch, kept)})
        elif op == "exercise":
            last_status, owed = relay(channel, *_child(channel, quiet, shell, request))
            if sandboxed and not _end_every_other_process():
                return                      # the grader sees the worker end, and starts another
            if owed:
                channel.write({"ended": last_status})
        elif op in ("call", "probe", "done"):
            channel.write({"ended": last_status})      # for an exercise whose child has ended
        else:
            return


if __name__ == "__main__":
    sys.exit(main())
