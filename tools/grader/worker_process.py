"""The grading worker as nbgrader's process sees it: started in the sandbox, spoken to by value.

``Worker.start()`` runs ``python -m tools.worker.serve`` in a sandbox of its own (a private
working folder, no network, its own user and memory group, see ``tools.grader.sandbox``);
with ``COURSE_SANDBOX=0`` (trusted notebooks only) it runs as a plain process. Either way one worker
serves every submission of a grading process, since it never runs student code itself (each
exercise is a fork, and in the sandbox nothing a fork starts outlives it); ``reset()`` between
submissions empties the sandbox's folders, and a worker that cannot be made clean is replaced.
``Worker.exercise(...)`` opens an ``Exercise``: a fresh child holding the student's answer,
which the hidden tests call. A worker that hangs past its time or dies costs the exercise
that was running; the next exercise starts a new worker.
"""
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

from tools.common.paths import REPO
from tools.grader import CELL_TIMEOUT, sandbox
from tools.grader.memory_group import MemoryGroup
from tools.worker import wire

START_SECONDS = 120          # importing torch in a busy sandbox can take a while


class WorkerFault(RuntimeError):
    """The worker died, hung, or answered something that is not data; the message says which."""


class StudentRaised(Exception):
    """The student's code raised; ``type_name`` and ``message`` say what."""

    def __init__(self, type_name, message, line=""):
        super().__init__(f"{type_name}: {message}")
        self.type_name, self.message, self.line = type_name, message, line


class ChildEnded(Exception):
    """The worker says the exercise's child ended (``status``: its exit status)."""

    def __init__(self, status):
        super().__init__(f"exit status {status}")
        self.status = status


class Missing(Exception):
    """The namespace has no such name (the student's answer does not define it)."""


class Worker:
    """``seconds``: how long one call (or the loading of an answer) may take, nbgrader's cell
    timeout by default."""

    def __init__(self, sandboxed=None, seconds=CELL_TIMEOUT):
        self.sandboxed = sandbox.enabled() if sandboxed is None else sandboxed
        self.seconds = seconds
        self.process = None
        self._group = None
        self._folder = None
        self._stderr = None
        self._oom_before = 0
        self.used = False          # an exercise ran since the last reset

    # --- lifetime -------------------------------------------------------------------------

    def start(self):
        if self.alive():
            return self
        self.stop()
        self._folder = tempfile.mkdtemp(prefix="course-worker-")
        workdir = os.path.join(self._folder, "work")
        runtime = os.path.join(self._folder, "run")
        os.mkdir(workdir)
        os.mkdir(runtime)
        env = dict(os.environ, PYTHONPATH=str(REPO), MPLBACKEND="Agg", IPYTHONDIR=os.path.join(self._folder, "ipython"))
        command = [sys.executable, "-m", "tools.worker.serve"]
        if self.sandboxed:
            command.append("--in-sandbox")
            sandbox.check_available()
            env[sandbox.WORKER_ENV] = "1"
            self._group = MemoryGroup.create(os.path.basename(self._folder),
                                             sandbox.Limits.from_env().total_memory_mb)
            if self._group is not None:
                env[sandbox.MEMORY_GROUP_ENV] = str(self._group.folder)
            command = [sys.executable, "-m", "tools.grader.sandbox", workdir, runtime, "--", *command]
        self._stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self._stderr, cwd=workdir, env=env, start_new_session=True)
        self._pending = b""
        self._ready = False
        self._oom_before = 0
        self.used = False
        return self

    def reset(self):
        """Make the worker fit for another student's submission: in the sandbox, no process but
        the worker's own and empty folders, or the worker is stopped (the next use starts one)."""
        if not self.alive() or not self.used:
            return
        if not self.sandboxed:
            self.used = False
            return
        try:
            self.send({"op": "reset"})
            clean = self.receive(30).get("reset") is True
        except WorkerFault:
            clean = False
        if not clean:
            self.stop()
            return
        self.used = False
        self._oom_before = self._group.oom_kills() if self._group is not None else 0
        self._stderr.seek(0)
        self._stderr.truncate()

    def __del__(self):
        self.stop()          # a submission whose kernel never started leaves no worker behind

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process is not None:
            try:
                os.killpg(self.process.pid, 9)
            except (ProcessLookupError, PermissionError):
                pass
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
            self.process = None
        if self._group is not None:
            self._group.remove()
            self._group = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def said(self):
        """The worker's last words on standard error (before it silenced it), as one line."""
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        lines = self._stderr.read()[-2000:].decode("utf-8", "replace").strip().splitlines()
        return " | ".join(lines[-3:])

    # --- talking ------------------------------------------------------------------------------

    def send(self, message):
        try:
            self.process.stdin.write((wire.json.dumps(message, separators=(",", ":")) + "\n").encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise WorkerFault(self._death("the grading worker ended")) from None

    def receive(self, seconds):
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + seconds
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                self.stop()
                raise WorkerFault(f"no answer within {seconds:.0f} s (an endless loop?); stopped")
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise WorkerFault(self._death("the grading worker ended"))
            self._pending += chunk
            if len(self._pending) > wire.MAX_LINE:
                self.stop()
                raise WorkerFault(f"an answer larger than {wire.MAX_LINE // 2**20} MB")
        line, self._pending = self._pending.split(b"\n", 1)
        try:
            message = wire.json.loads(line)
        except ValueError:
            self.stop()
            raise WorkerFault("an answer that is not data (something wrote over the worker's channel)") from None
        if type(message) is not dict:
            self.stop()
            raise WorkerFault("an answer that is not data")
        return message

    def answer(self, seconds):
        """The exercise's child's reply to the last request. ``ChildEnded`` when the worker says
        the child ended; its own messages are never the child's (those come wrapped)."""
        message = self.receive(seconds)
        if "ended" in message:
            raise ChildEnded(message["ended"])
        reply = message.get("child")
        if type(reply) is not dict:
            self.stop()
            raise WorkerFault("an answer that is not data (something wrote over the worker's channel)")
        return reply

    def _death(self, what):
        code = self.process.poll() if self.process is not None else None
        said = self.said()
        if self._group is not None and self._group.oom_kills() > self._oom_before:
            what += f", past the sandbox's memory limit of {sandbox.Limits.from_env().total_memory_mb} MB"
        return what + (f" (exit status {code})" if code is not None else "") + (f"; it said: {said}" if said else "")

    def exercise(self, setup, definitions, references, dependencies, probes, answer):
        """A fresh child holding one exercise's namespace (``tools.worker.serve.build``)."""
        self.start()
        if not self._ready:
            if "ready" not in self.receive(START_SECONDS):
                self.stop()
                raise WorkerFault("the grading worker did not start")
            self._ready = True
        self.used = True
        self.send({"op": "exercise", "setup": setup, "definitions": definitions, "references": references,
                   "dependencies": dependencies, "probes": probes, "answer": answer})
        try:
            reply = self.answer(self.seconds)
        except ChildEnded as ended:
            raise WorkerFault(f"the worker ended while loading your code (exit status {ended.status})") from None
        return Exercise(self, reply.get("loaded") or [])


class Exercise:
    """One exercise's child in the worker: ``call`` the student's functions, run ``probe``s."""

    def __init__(self, worker, load_errors):
        self.worker, self.load_errors, self.open = worker, load_errors, True

    def call(self, name, *args, **kwargs):
        return self._ask("call", name, args, kwargs)

    def probe(self, name, *args, **kwargs):
        return self._ask("probe", name, args, kwargs)

    def _ask(self, op, name, args, kwargs, seconds=None):
        seconds = seconds or self.worker.seconds
        if not self.open:
            raise WorkerFault("the exercise's worker is gone (it died or hung earlier)")
        try:
            self.worker.send({"op": op, "name": name, "args": wire.encode(list(args)),
                              "kwargs": wire.encode(dict(kwargs))})
            reply = self.worker.answer(seconds)
        except ChildEnded as ended:
            self.open = False
            raise WorkerFault(f"the worker ended during the call (exit status {ended.status}: os._exit, "
                              "a crash, or a resource limit)") from None
        except WorkerFault:
            self.open = False
            raise
        if "missing" in reply:
            raise Missing(name)
        if "raised" in reply:
            raised = reply["raised"] if type(reply["raised"]) is dict else {}
            raise StudentRaised(str(raised.get("type", "Error"))[:80], str(raised.get("message", ""))[:500],
                                str(raised.get("line", ""))[:200])
        try:
            return wire.decode(reply.get("value"))
        except wire.WireError as error:
            raise WorkerFault(f"the result is not data ({error})") from None

    def close(self):
        if self.open and self.worker.alive():
            self.open = False
            try:
                self.worker.send({"op": "done"})
                self.worker.answer(30)
                self.worker.stop()           # the child answered "done" instead of ending
            except ChildEnded:
                pass
            except WorkerFault:
                pass
