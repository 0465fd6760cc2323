"""The classroom load bench's measures and checks, without a hub (tools/classroom/load.py); the
bench itself (``make classroom-bench``, tools/classroom/bench.py) runs a real class."""
import getpass
import os
import subprocess
import sys

import pytest

from tools.classroom import load

ME = getpass.getuser()


def test_summary_is_median_and_max():
    assert load.summary([3.0, 1.0, 10.0, 2.0]) == {"n": 4, "median": 2.5, "max": 10.0}
    assert load.summary([]) == {"n": 0, "median": None, "max": None}


def test_nbgraders_timestamp_is_read_as_utc():
    assert load.epoch("1970-01-01 00:01:40.500000 UTC") == 100.5


def test_memory_sampler_sees_a_child_allocating_memory():
    """The sampler on this process tree: a child holding 200 MB is seen under its group, this
    process alone under its own."""
    child = subprocess.Popen([sys.executable, "-c", "import sys, time; b = bytearray(200 * 2**20); "
                              "b[::4096] = b'x' * len(b[::4096]); print('ready', flush=True); time.sleep(60)"],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        groups = lambda: {"child": load.with_descendants(child.pid), "me": [os.getpid()]}     # noqa: E731
        with load.MemorySampler(groups, period=0.05) as sampler:
            while sampler.samples < 3:
                pass
        assert sampler.peaks["child"] >= 200 * 2**20
        assert sampler.peaks["me"] > 0 and sampler.peaks["me"] != sampler.peaks["child"]
        assert sampler.peaks["machine in use"] >= max(sampler.peaks["child"], sampler.peaks["machine in use at the start"])
        assert load.rss(load.with_descendants(os.getpid())) >= sampler.peaks["child"]
    finally:
        child.kill()
        child.wait()


def test_processes_left_behind_are_found_by_the_path_they_name(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", str(tmp_path / "run")])
    try:
        assert [p.pid for p in load.processes_naming(tmp_path)] == [child.pid]
    finally:
        child.kill()
        child.wait()
    assert load.processes_naming(tmp_path) == []


def _feedback(tmp_path, name, mode=0o600):
    path = tmp_path / f"{name}.html"
    path.write_text("feedback")
    path.chmod(mode)
    return path


def _record(folder, **extra):
    return {"folder": folder, "student": ME, "timestamp": "t", "released": 1.0, "score": 1, "max_score": 2, **extra}


def test_records_of_each_submission_once_pass(tmp_path):
    submitted = {"a": ME, "b": ME}
    records = [_record("a"), _record("b")]
    assert load.check_records(records, submitted, lambda r: _feedback(tmp_path, r["folder"])) == []


@pytest.mark.parametrize("records, expected", [
    ([_record("a"), _record("a"), _record("b")], "handled 2 times"),
    ([_record("a")], "b was not handled"),
    ([_record("a"), _record("b"), _record("c")], "c was handled but not submitted"),
    ([_record("a"), _record("b", error="not read")], "was not graded: not read"),
])
def test_a_duplicated_missing_or_failed_record_is_reported(tmp_path, records, expected):
    problems = load.check_records(records, {"a": ME, "b": ME}, lambda r: _feedback(tmp_path, r["folder"]))
    assert len(problems) == 1 and expected in problems[0], problems


def test_missing_or_readable_feedback_is_reported(tmp_path):
    records = [_record("a"), _record("b")]
    files = {"a": tmp_path / "absent.html", "b": _feedback(tmp_path, "b", 0o644)}
    problems = load.check_records(records, {"a": ME, "b": ME}, lambda r: files[r["folder"]])
    assert len(problems) == 2 and "missing" in problems[0] and "mode 600 (uid" in problems[1] and "0o644" in problems[1]


def test_scores_are_compared_per_student():
    assert load.compare_scores({"x": (1, 2), "y": (2, 2)}, {"x": (1, 2), "y": (2, 2)}) == []
    assert load.compare_scores({"x": (1, 2)}, {"x": (1.5, 2), "y": (2, 2)}) == \
        ["x: early (1, 2), serial (1.5, 2)", "y: early None, serial (2, 2)"]


def test_submissions_are_varied():
    from tools.classroom.bench import AID, submission_plan
    from tools.common.courses import released
    from tools.common.paths import REPO
    release, _, reference = released(REPO, AID)
    plan = submission_plan(reference, release, 30)
    labels = [label for label, _ in plan]
    assert len(plan) == 30 and labels[:2] == ["reference", "release untouched"]
    mistakes = [label for label in labels if label.startswith("mistake")]
    assert len(mistakes) == len(set(mistakes)) >= 9 and any(label.startswith("alternative") for label in labels)
    assert plan[0][1] is reference and plan[1][1] is release and plan[2][1].cells != reference.cells
