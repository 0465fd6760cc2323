"""The grading sandbox on its own: what a sandboxed process can and cannot do."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tools.grader import memory_group, sandbox

pytestmark = pytest.mark.skipif(not sandbox.enabled(), reason="COURSE_SANDBOX=0")


def run_sandboxed(code, workdir):
    uid = sandbox.sandbox_uid()
    sandbox.hand_over([workdir], uid)
    command = sandbox.bwrap_command([sys.executable, "-c", code], workdir, uid=uid)
    return subprocess.run(command, capture_output=True, text=True, env=sandbox.sandbox_env({}), timeout=120)


def test_sandbox_is_available():
    sandbox.check_available()


def test_the_working_folder_is_writable_and_nothing_else(tmp_path):
    work = tmp_path / "autograded" / "student" / "01"
    work.mkdir(parents=True)
    secret = tmp_path / "gradebook.db"
    secret.write_text("secret")
    done = run_sandboxed(
        "import os\n"
        "open('answer.txt', 'w').write('ok')\n"
        f"print(os.path.exists({str(secret)!r}))\n"
        "for path in ['/tmp/x', '../../../escape.txt']:\n"
        "    open(path, 'w').write('x')\n"
        "for path in ['/work', '/root/.ssh', '/etc/shadow']:\n"
        "    try:\n"
        "        open(path + '/x', 'w').write('x'); print('WROTE', path)\n"
        "    except OSError:\n"
        "        pass\n", work)
    assert done.returncode != 0 or "WROTE" not in done.stdout, done.stderr
    assert (work / "answer.txt").read_text() == "ok"
    assert done.stdout.splitlines()[0] == "False"          # the gradebook next door is invisible
    assert not (tmp_path / "escape.txt").exists()


def test_no_network_and_an_own_pid_namespace(tmp_path):
    done = run_sandboxed(
        "import os, socket\n"
        "print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit())[:3])\n"
        "try:\n"
        "    socket.create_connection(('1.1.1.1', 80), timeout=3); print('ONLINE')\n"
        "except OSError:\n"
        "    print('offline')\n", tmp_path)
    assert done.returncode == 0, done.stderr
    pids, network = done.stdout.splitlines()
    assert network == "offline"
    assert pids in ("[1, 2]", "[1, 2, 3]")


def test_limits_apply(tmp_path):
    limits = sandbox.Limits(memory_mb=512, processes=16)
    command = sandbox.bwrap_command([sys.executable, "-c",
                                     "x = bytearray(1024 * 2**20)"], tmp_path)
    done = subprocess.run(command, capture_output=True, text=True, env=sandbox.sandbox_env({}),
                          preexec_fn=lambda: limits.apply(0), timeout=120)
    assert "MemoryError" in done.stderr


def test_environment_keeps_no_secrets():
    env = sandbox.sandbox_env({"COURSE_DB_URL": "postgresql://user:pw@host/db", "AWS_SECRET_ACCESS_KEY": "k",
                               "NBGRADER_EXECUTION": "autograde", "LANG": "C.UTF-8"})
    assert "AWS_SECRET_ACCESS_KEY" not in env and env["NBGRADER_EXECUTION"] == "autograde"
    assert "COURSE_DB_URL" not in env


def test_the_wrapper_does_not_load_torch():
    # Every kernel start runs ``python -m tools.grader.sandbox`` first; importing torch there (through
    # course.data or course/__init__) once cost 3 s per graded submission.
    probe = ("import sys\nfrom tools.grader import sandbox\nsandbox.bwrap_command(['true'], '.')\nsandbox.sandbox_env({})\n"
             "print(sorted(m for m in ('torch', 'torchvision', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_kernels_last_lines_of_stderr_are_kept_as_the_reason():
    tail = sandbox.StderrTail(keep=2)
    subprocess.run([sys.executable, "-c", "import sys\nfor i in range(5): print(f'line {i}', file=sys.stderr)"],
                   stderr=tail.write_end, check=True)
    tail.launched()
    assert tail.last_lines() == ["line 3", "line 4"]


def test_a_bind_under_tmp_is_not_hidden_by_the_private_tmp(tmp_path):
    # tmp_path lies under /tmp: the private /tmp must be mounted before the binds, not over them.
    command = sandbox.bwrap_command(["true"], tmp_path)
    tmpfs = command.index("/tmp", command.index("--tmpfs"))
    binds = [i for i, arg in enumerate(command) if arg in ("--ro-bind", "--bind") and command[i + 1].startswith("/tmp/")]
    assert binds and all(i > tmpfs for i in binds)


@pytest.mark.skipif(not sandbox._bwrap_sizes_tmpfs(), reason="this bubblewrap cannot size a tmpfs (before 0.8)")
def test_the_kernel_works_in_a_private_folder_of_fixed_size_and_the_real_one_stays_untouched(tmp_path):
    work = tmp_path / "autograded" / "student" / "01"
    work.mkdir(parents=True)
    (work / "01.ipynb").write_text("written by nbgrader")
    code = ("import errno, os\n"
            "print(sorted(os.listdir('.')))\n"
            "os.symlink('/etc/passwd', '01.ipynb')\n"
            "for folder in ('.', '/tmp', '/dev/shm'):\n"
            "    try:\n"
            "        open(folder + '/big', 'wb').write(bytes(16 * 2**20)); print('WROTE', folder)\n"
            "    except OSError as error:\n"
            "        print(errno.errorcode[error.errno])\n")
    command = sandbox.bwrap_command([sys.executable, "-c", code], work, private_workdir=True,
                                    limits=sandbox.Limits(scratch_mb=8))
    done = subprocess.run(command, capture_output=True, text=True, env=sandbox.sandbox_env({}), timeout=120)
    assert done.stdout.splitlines() == ["[]", "ENOSPC", "ENOSPC", "ENOSPC"], done.stderr
    assert [p.name for p in work.iterdir()] == ["01.ipynb"] and not (work / "01.ipynb").is_symlink()
    assert (work / "01.ipynb").read_text() == "written by nbgrader"


@pytest.mark.skipif(not memory_group.available(), reason="no memory cgroup can be made here (not root, or not delegated)")
def test_one_memory_limit_holds_for_all_the_sandboxs_processes(tmp_path):
    group = memory_group.MemoryGroup.create("course-test-" + tmp_path.name, limit_mb=300)
    assert group is not None
    code = ("import multiprocessing, time\n"
            "def hold():\n"
            "    block = bytearray(200 * 2**20)\n"
            "    block[::4096] = b'x' * len(block[::4096])\n"
            "    time.sleep(5)\n"
            "children = [multiprocessing.Process(target=hold) for _ in range(3)]\n"
            "[c.start() for c in children]\n"
            "[c.join() for c in children]\n"
            "print([c.exitcode for c in children])\n")
    try:
        command = sandbox.bwrap_command([sys.executable, "-c", code], tmp_path, private_workdir=True)
        done = subprocess.run(command, capture_output=True, text=True, env=sandbox.sandbox_env({}), timeout=120,
                              preexec_fn=group.join)
        killed = [code for code in ast.literal_eval(done.stdout.strip() or "[]") if code != 0]
        assert killed or done.returncode != 0, done.stdout + done.stderr     # 600 MB cannot fit in 300
        assert group.oom_kills() > 0
    finally:
        group.remove()
    assert group.limit_hit and not group.folder.exists()


def test_a_kernel_manager_releases_its_memory_group_and_socket_folder_once_or_twice():
    manager = sandbox.SandboxedKernelManager(kernel_name="python3")
    runtime = Path(manager._runtime_dir)
    manager._memory_group = memory_group.MemoryGroup.create(runtime.name, limit_mb=100)
    group = manager._memory_group
    manager.release_resources()
    manager.release_resources()
    assert not runtime.exists() and manager._memory_group is None
    assert group is None or not group.folder.exists()
