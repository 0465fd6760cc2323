"""Kernels forked from a warm process, so autograding does not pay for ``import torch`` per submission.

Starting a Python kernel and importing torch, torchvision and matplotlib costs several
seconds, more than many notebooks take to run. A *zygote* process imports those libraries
once and forks a fresh, pristine kernel for every submission: each submission still gets a
kernel of its own (nothing carries over between students), started in a fraction of a second.

- ``ForkingKernelManager`` (used by ``GradingExecute`` in nbgrader_config.py) launches
  ``python -m tools.grader.forkkernel launch -f <connection file>`` instead of ipykernel.
- ``launch`` connects to the zygote (starting one if none is listening), hands it its
  stdin/stdout/stderr, working directory, environment and kernel arguments, relays signals
  (interrupts from nbgrader's timeout) and exits with the kernel's exit status. If it is
  killed, the zygote kills the kernel. If no zygote can be reached it simply execs ipykernel.
- ``serve`` is the zygote: preloads the libraries (never runs a torch op, so no threads exist
  when it forks), forks on request, reaps children, exits after an idle period.

Only third-party libraries are preloaded, never ``course`` itself, so edits to the course
package are always seen by the next kernel.
"""
import fcntl
import hashlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time

from jupyter_client.manager import AsyncKernelManager

from tools.worker.serve import preload

PRELOAD = ["numpy", "torch", "torch.nn", "torch.optim", "torch._dynamo", "torch.utils.data", "torchvision",
           "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline", "ipywidgets",
           "tqdm.auto", "IPython", "ipykernel.kernelapp", "ipykernel.ipkernel", "zmq", "jedi"]
IDLE_SECONDS = 120


def socket_path():
    """One zygote per interpreter (venv) and user."""
    key = hashlib.sha1(sys.executable.encode()).hexdigest()[:12]
    return os.path.join(os.environ.get("COURSE_FORKKERNEL_DIR", "/tmp"), f"course-forkkernel-{os.getuid()}-{key}.sock")


# --- zygote -----------------------------------------------------------------------------

def _recv_line(conn):
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            raise EOFError
        data += chunk
    return json.loads(data)


def _send(conn, obj):
    try:
        conn.sendall((json.dumps(obj) + "\n").encode())
    except OSError:
        pass


def _become_kernel(request, fds, listener, others):
    """In the forked child: take over the client's stdio, cwd and environment; run ipykernel."""
    listener.close()
    for other in others:
        other.close()
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
    for fd in fds:
        os.close(fd)
    for sig in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = ["ipykernel_launcher", *request["args"]]
    status = 0
    try:
        from ipykernel import kernelapp
        kernelapp.launch_new_instance(argv=request["args"])
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else 0
    except BaseException:
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def serve(path):
    preload(PRELOAD)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    children = {}          # pid -> client connection
    idle_since = time.monotonic()
    while True:
        ready, _, _ = select.select([listener, *children.values()], [], [], 0.1)
        for conn in ready:
            if conn is listener:
                client, _ = listener.accept()
                try:
                    msg, fds, _, _ = socket.recv_fds(client, 1 << 20, 8)
                    request = json.loads(msg)
                except Exception:
                    client.close()
                    continue
                pid = os.fork()
                if pid == 0:
                    _become_kernel(request, fds, listener, [c for c in children.values()] + [client])
                for fd in fds:
                    os.close(fd)
                children[pid] = client
                _send(client, {"pid": pid})
            else:
                pid = next(p for p, c in children.items() if c is conn)
                try:
                    message = _recv_line(conn)
                    os.kill(pid, int(message.get("signal", signal.SIGTERM)))
                except (EOFError, ValueError, OSError):
                    # The launcher died (killed by the kernel manager): the kernel goes too.
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            conn = children.pop(pid, None)
            if conn is not None:
                _send(conn, {"exit": os.waitstatus_to_exitcode(status)})
                conn.close()
        if children:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > IDLE_SECONDS:
            listener.close()
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            return


# --- launcher -----------------------------------------------------------------------------

def _connect(path, start=True, wait=60.0):
    def attempt():
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(path)
        return s
    try:
        return attempt()
    except OSError:
        if not start:
            raise
    with open(path + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # one launcher starts the zygote; the others wait
        try:
            return attempt()
        except OSError:
            subprocess.Popen([sys.executable, "-m", "tools.grader.forkkernel", "serve", path],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True, close_fds=True)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                try:
                    return attempt()
                except OSError:
                    time.sleep(0.05)
            raise


def launch(args):
    try:
        conn = _connect(socket_path())
        request = {"args": args, "cwd": os.getcwd(), "env": dict(os.environ)}
        socket.send_fds(conn, [json.dumps(request).encode()], [0, 1, 2])
        _recv_line(conn)  # {"pid": ...}
    except Exception:
        os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *args])

    def relay(signum, _frame):
        _send(conn, {"signal": signum})

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(sig, relay)
    while True:
        try:
            message = _recv_line(conn)
        except InterruptedError:
            continue
        except EOFError:
            return 1
        if "exit" in message:
            return message["exit"] if message["exit"] >= 0 else 128 - message["exit"]


class ForkingKernelManager(AsyncKernelManager):
    """Starts kernels through ``tools.grader.forkkernel launch`` (same arguments as ipykernel)."""

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if "-f" not in cmd or "ipykernel" not in " ".join(cmd[:3]):
            return cmd      # not a Python kernel: leave it alone
        return [sys.executable, "-m", "tools.grader.forkkernel", "launch", *cmd[cmd.index("-f"):]]


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve(sys.argv[2])
    elif sys.argv[1:2] == ["launch"]:
        sys.exit(launch(sys.argv[2:]))
    else:
        sys.exit("usage: python -m tools.grader.forkkernel serve PATH | launch -f CONNECTION_FILE ...")
