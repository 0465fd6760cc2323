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
"""
import os
import sys
import traceback

try:
    from tools.worker import wire
except ImportError:                  # run as a file
    import wire

# torch._dynamo: the first optimizer a process builds imports it, seconds each time otherwise.
PRELOAD = ["numpy", "torch", "torch.nn", "torch.nn.functional", "torch.optim", "torch._dynamo", "torch.utils.data",
           "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline", "IPython",
           "IPython.core.interactiveshell",
           "course.checks", "course.notebook", "course.plotting", "course.probes"]


class Channel:
    """Lines in on one descriptor, out on another; unbuffered reads, so a forked child sees
    exactly the requests sent after it was forked."""

    def __init__(self, fd_in, fd_out):
        self.fd_in, self.fd_out, self._pending = fd_in, fd_out, b""

    def read(self):
        while b"\n" not in self._pending:
            chunk = os.read(self.fd_in, 1 << 20)
            if not chunk:
                raise EOFError
            self._pending += chunk
            if len(self._pending) > wire.MAX_LINE:
                raise EOFError
        line, self._pending = self._pending.split(b"\n", 1)
        return wire.json.loads(line)

    def write(self, message):
        data = (wire.json.dumps(message, separators=(",", ":")) + "\n").encode()
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd_out, view):]


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


def main():
    channel = Channel(0, os.dup(1))
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)                   # what student code prints goes nowhere
    os.dup2(quiet, 2)
    shell = _shell()
    channel.write({"ready": True})
    while True:
        try:
            request = channel.read()
        except EOFError:
            return
        if request.get("op") != "exercise":
            return
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                serve_exercise(channel, shell, request)
            except BaseException:
                status = 3
            finally:
                os._exit(status)
        _, status = os.waitpid(pid, 0)
        channel.write({"ended": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    sys.exit(main())
