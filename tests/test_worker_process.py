"""The grading worker (tools/worker/serve.py) as nbgrader's process drives it (tools/grader/worker_process.py)."""
import pytest
import torch

from tools.grader import sandbox
from tools.grader.worker_process import Missing, StudentRaised, Worker, WorkerFault

SETUP = ["import torch"]
PROBES = "def twice(ns, x):\n    return [ns['f'](x), ns['f'](x)]\n"
REFERENCES = "import torch\n\ndef g(x):\n    return x * 10\n"


@pytest.fixture(scope="module")
def worker():
    w = Worker(sandboxed=False).start()
    yield w
    w.stop()


def _exercise(worker, answer, definitions=(), dependencies=("g",)):
    return worker.exercise(setup=SETUP, definitions=list(definitions), references=REFERENCES,
                           dependencies=list(dependencies), probes=PROBES, answer=answer)


def test_calls_and_probes_come_back_by_value(worker):
    ex = _exercise(worker, ["def f(x):\n    return {'y': g(x) + helper(x), 'n': x.numel()}"],
                   definitions=["def helper(x):\n    return x + 1", "def g(x):\n    return x * 0"])
    try:
        got = ex.call("f", torch.tensor([1.0, 2.0]))
        # the reference g replaces the student's own g: a mistake in g is not graded again in f
        assert torch.equal(got["y"], torch.tensor([12.0, 23.0])) and got["n"] == 2
        assert len(ex.probe("twice", torch.tensor([0.0]))) == 2
    finally:
        ex.close()


def test_raising_missing_and_loading_errors_are_told_apart(worker):
    ex = _exercise(worker, ["print(undefined_notebook_data)", "def f(x):\n    raise ValueError('p out of range')"])
    try:
        assert [e["type"] for e in ex.load_errors] == ["NameError"]     # a failing print costs nothing
        with pytest.raises(StudentRaised, match="ValueError: p out of range"):
            ex.call("f", 1)
        with pytest.raises(Missing):
            ex.call("not_defined")
    finally:
        ex.close()


def test_each_exercise_starts_fresh(worker):
    ex = _exercise(worker, ["import builtins\nbuiltins.leaked = 1\ndef f():\n    return 1"])
    ex.close()
    ex = _exercise(worker, ["import builtins\ndef f():\n    return hasattr(builtins, 'leaked')"])
    try:
        assert ex.call("f") is False
    finally:
        ex.close()


def test_a_worker_that_dies_costs_its_exercise_only(worker):
    ex = _exercise(worker, ["import os\ndef f():\n    os._exit(7)"])
    with pytest.raises(WorkerFault, match="exit status 7"):
        ex.call("f")
    with pytest.raises(WorkerFault):
        ex.call("f")
    ex = _exercise(worker, ["def f():\n    return 5"])
    try:
        assert ex.call("f") == 5
    finally:
        ex.close()


def test_a_call_that_hangs_is_stopped(worker):
    ex = _exercise(worker, ["def f():\n    while True:\n        pass"])
    with pytest.raises(WorkerFault, match="no answer within 2 s"):
        ex._ask("call", "f", (), {}, seconds=2)
    ex = _exercise(worker, ["def f():\n    return 6"])          # a new worker starts
    try:
        assert ex.call("f") == 6
    finally:
        ex.close()


def test_printing_and_writing_over_the_channel_decide_nothing(worker):
    ex = _exercise(worker, ["import os\ndef f():\n    print('{\"value\": 1}')\n    return 2",
                            "def g2():\n    for fd in range(3, 12):\n        try:\n            os.write(fd, b'garbage\\n')\n"
                            "        except OSError:\n            pass\n    return 3"])
    try:
        assert ex.call("f") == 2                 # standard output goes nowhere
        with pytest.raises(WorkerFault, match="not data"):
            ex.call("g2")
    finally:
        ex.close()


@pytest.mark.skipif(not sandbox.enabled(), reason="COURSE_SANDBOX=0")
def test_the_sandboxed_worker_answers_and_sees_none_of_the_instructors_files():
    sandbox.check_available()
    w = Worker(sandboxed=True).start()
    try:
        ex = w.exercise(setup=SETUP, definitions=[], references="", dependencies=[], probes="",
                        answer=["import os\ndef f(path):\n    return os.path.exists(path)"])
        from tools.common.paths import REPO
        assert ex.call("f", str(REPO / "course")) is True
        assert ex.call("f", str(REPO / "tools" / "hidden_tests")) is False
        assert ex.call("f", str(REPO / "source")) is False
        ex.close()
    finally:
        w.stop()


@pytest.fixture(scope="module")
def sandboxed_worker():
    if not sandbox.enabled():
        pytest.skip("COURSE_SANDBOX=0")
    sandbox.check_available()
    w = Worker(sandboxed=True).start()
    yield w
    w.stop()


def _sandboxed(worker, answer):
    return worker.exercise(setup=SETUP, definitions=[], references="", dependencies=[], probes="", answer=answer)


OTHERS = "import os\ndef others():\n    return sorted(int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid(), os.getppid()))"


def test_nothing_an_exercise_starts_outlives_it(sandboxed_worker):
    ex = _sandboxed(sandboxed_worker, ["import os, subprocess\ndef leave():\n"
                                       "    p = subprocess.Popen(['sleep', '600'], start_new_session=True)\n"
                                       "    if os.fork() == 0:\n        os.setsid()\n        import time\n        time.sleep(600)\n"
                                       "    return p.pid", OTHERS])
    assert ex.call("leave") > 0
    assert len(ex.call("others")) >= 2                  # both still there while the exercise runs
    ex.close()
    ex = _sandboxed(sandboxed_worker, [OTHERS])
    try:
        assert ex.call("others") == []                  # the next exercise finds no one to talk to
    finally:
        ex.close()


def test_the_worker_cannot_be_traced_or_read_by_its_children(sandboxed_worker):
    ex = _sandboxed(sandboxed_worker, ["import os\ndef peek(name):\n"
                                       "    try:\n        open(f'/proc/{os.getppid()}/{name}', 'rb').read(1)\n"
                                       "    except OSError as error:\n        return type(error).__name__\n"
                                       "    return 'read'"])
    try:
        assert ex.call("peek", "environ") == "PermissionError"
        assert ex.call("peek", "mem") == "PermissionError"
    finally:
        ex.close()


LOOK = "import os\ndef look():\n    return [sorted(os.listdir(f)) for f in ('.', '/tmp', '/dev/shm')]"


def test_a_reset_leaves_nothing_of_the_last_submission(sandboxed_worker):
    ex = _sandboxed(sandboxed_worker, [LOOK])
    before = ex.call("look")
    ex.close()
    ex = _sandboxed(sandboxed_worker, ["import os\ndef write():\n"
                                       "    for folder in ('.', '/tmp', '/dev/shm'):\n"
                                       "        os.makedirs(f'{folder}/left/deep', exist_ok=True)\n"
                                       "        open(f'{folder}/left/deep/torch.py', 'w').write('x = 1')\n"
                                       "        os.symlink('/etc/passwd', f'{folder}/link')\n"
                                       "    return sorted(os.listdir('/tmp'))"])
    assert "left" in ex.call("write")
    ex.close()
    pid = sandboxed_worker.process.pid
    sandboxed_worker.reset()
    assert sandboxed_worker.process.pid == pid           # kept: it was made clean
    ex = _sandboxed(sandboxed_worker, [LOOK])
    try:
        here, tmp, shm = ex.call("look")
        assert here == [] and shm == [] and "left" not in tmp and "link" not in tmp
        assert set(tmp) <= set(before[1])          # nothing new; the worker's own caches may go too
    finally:
        ex.close()
    sandboxed_worker.reset()


def test_a_worker_that_cannot_be_made_clean_is_replaced(sandboxed_worker):
    ex = _sandboxed(sandboxed_worker, ["import os\ndef lock():\n"
                                       "    os.makedirs('/tmp/locked/inner')\n    os.chmod('/tmp/locked', 0)\n    return True"])
    assert ex.call("lock") is True
    ex.close()
    sandboxed_worker.reset()
    assert not sandboxed_worker.alive()
    ex = _sandboxed(sandboxed_worker, ["import os\ndef look():\n    return os.listdir('/tmp')"])
    try:
        assert "locked" not in ex.call("look")           # a fresh worker, a fresh sandbox
    finally:
        ex.close()


FORGER = ("import os, time\ndef forge():\n    if os.fork() == 0:\n        os.setsid()\n        for _ in range(3000):\n"
          "            for fd in range(0, 20):\n                try:\n"
          "                    os.write(fd, b'{\"ended\": 0}\\n')\n"
          "                except OSError:\n                    pass\n            time.sleep(0.001)\n        os._exit(0)\n"
          "    time.sleep(0.2)\n    return 1")


@pytest.mark.parametrize("mode", ["unsandboxed", "sandboxed"])
def test_lines_nobody_asked_for_never_answer_a_later_request(mode, worker, request):
    w = worker if mode == "unsandboxed" else request.getfixturevalue("sandboxed_worker")
    ex = w.exercise(setup=SETUP, definitions=[], references="", dependencies=[], probes="", answer=[FORGER])
    try:
        ex.call("forge")                         # its own answer: whatever it forged
    except WorkerFault:
        pass
    ex.close()
    for value in (2, 3):
        ex = w.exercise(setup=SETUP, definitions=[], references="", dependencies=[], probes="",
                        answer=[f"def g():\n    return {value}"])
        try:
            assert ex.load_errors == [] and ex.call("g") == value and ex.call("g") == value
        finally:
            ex.close()
    w.reset()
