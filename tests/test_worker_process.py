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
