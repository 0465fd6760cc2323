"""What the load bench (``bench.py``) measures and checks, without a hub: the statistics, the
memory sampler, the feedback-on-submit records checked against the submissions."""
import os
import stat
import statistics
import threading
import time
from datetime import datetime, timezone

import psutil

from tools.classroom import inbound

# nbgrader's timestamp format (nbgrader_config's default), as in the submission folder's name.


def summary(values):
    """{"n", "median", "max"} of a list of seconds (None for an empty list)."""
    values = list(values)
    if not values:
        return {"n": 0, "median": None, "max": None}
    return {"n": len(values), "median": statistics.median(values), "max": max(values)}


def epoch(timestamp):
    """Epoch seconds of a timestamp nbgrader wrote ('2026-11-30 12:00:00.123456 UTC')."""
    moment = datetime.strptime(timestamp, inbound.TIMESTAMP_FORMAT)
    return moment.replace(tzinfo=timezone.utc).timestamp()


# --- memory --------------------------------------------------------------------------------------

def with_descendants(pid):
    """``pid`` and every process under it (those that end meanwhile are left out)."""
    try:
        process = psutil.Process(pid)
        return [process.pid, *(child.pid for child in process.children(recursive=True))]
    except psutil.Error:
        return []


def rss(pids):
    """Resident memory of ``pids`` together, in bytes (each process's RSS, summed)."""
    total = 0
    for pid in set(pids):
        try:
            total += psutil.Process(pid).memory_info().rss
        except psutil.Error:
            pass
    return total


class MemorySampler:
    """Samples, every ``period`` seconds in a thread, the RSS of each group of processes that
    ``groups()`` names ({group: pids}, asked again at each sample: servers come and go) and keeps
    each group's peak, and the machine's memory in use (total less available: pages that processes
    share are counted once there, once per process in the groups' sums; other users' too) at the
    first sample and at its peak. Use as a
    context manager; ``peaks`` in bytes, ``samples`` taken."""

    def __init__(self, groups, period=0.5):
        self.groups, self.period = groups, period
        self.peaks, self.samples = {}, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self):
        for name, pids in self.groups().items():
            self.peaks[name] = max(self.peaks.get(name, 0), rss(pids))
        memory = psutil.virtual_memory()
        self.peaks.setdefault("machine in use at the start", memory.total - memory.available)
        self.peaks["machine in use"] = max(self.peaks.get("machine in use", 0), memory.total - memory.available)
        self.samples += 1

    def _run(self):
        while not self._stop.is_set():
            try:
                self.sample()
            except psutil.Error:
                pass
            self._stop.wait(self.period)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def class_groups(supervisor_pid, gradebook_folder=None):
    """{group: pids} of a running class (tools/classroom/serve.py's process and all under it):
    ``hub`` (jupyterhub and its proxy), ``graders`` (the feedback-on-submit service and every
    process under it), ``servers`` (the users' single-user servers and their kernels),
    ``formgrader`` (the formgrader service), ``gradebook`` (serve.py, and PostgreSQL, which
    pg_ctl detaches: found by its data folder, ``gradebook_folder``)."""
    groups = {"hub": [], "graders": [], "servers": [], "formgrader": [], "gradebook": []}
    try:
        serve = psutil.Process(supervisor_pid)
        children = serve.children()
    except psutil.Error:
        return groups
    groups["gradebook"].append(serve.pid)
    for child in children:
        try:
            command = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "jupyterhub" not in command:
            groups["gradebook"] += with_descendants(child.pid)          # PostgreSQL
            continue
        groups["hub"].append(child.pid)
        for process in child.children():
            try:
                command = " ".join(process.cmdline())
            except psutil.Error:
                continue
            group = ("hub" if "configurable-http-proxy" in command else
                     "graders" if "tools.classroom.early_feedback" in command else
                     "formgrader" if "--ServerApp.allow_root=True" in command else "servers")
            groups[group] += with_descendants(process.pid)
    if gradebook_folder:
        for process in psutil.process_iter(["cmdline"]):
            if str(gradebook_folder) in " ".join(process.info["cmdline"] or []):
                groups["gradebook"] += with_descendants(process.pid)
    return groups


def processes_naming(path):
    """The processes whose command line names ``path`` (what a stopped class should not leave)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if process.pid != os.getpid() and str(path) in " ".join(process.info["cmdline"] or []):
            found.append(process)
    return found


def machine():
    return {"cores": os.cpu_count(), "memory_bytes": psutil.virtual_memory().total}


# --- the records -------------------------------------------------------------------------------

def check_records(records, submitted, feedback_file):
    """Problems (a list of sentences; empty when all is well) with the feedback-on-submit records
    (``released.jsonl``'s lines) of ``submitted`` ({submission folder: student}).
    ``feedback_file(record)``: the path of the feedback the record's student should have."""
    problems = []
    seen = {}
    for record in records:
        seen.setdefault(record["folder"], []).append(record)
    for folder, student in sorted(submitted.items()):
        handled = seen.get(folder, [])
        if not handled:
            problems.append(f"{student}'s submission {folder} was not handled")
            continue
        if len(handled) > 1:
            problems.append(f"{student}'s submission {folder} was handled {len(handled)} times")
        record = handled[0]
        if "error" in record or "released" not in record:
            problems.append(f"{student}'s submission was not graded: {record.get('error', 'no release')}")
            continue
        if record["student"] != student:
            problems.append(f"{folder} was recorded as {record['student']}'s")
        path = feedback_file(record)
        try:
            info = os.lstat(path)
        except OSError:
            problems.append(f"{student}'s feedback {path} is missing")
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != inbound.owner_uid(student) or stat.S_IMODE(info.st_mode) != 0o600:
            problems.append(f"{student}'s feedback {path} is not a file of theirs with mode 600 "
                            f"(uid {info.st_uid}, mode {oct(stat.S_IMODE(info.st_mode))})")
    for folder in sorted(set(seen) - set(submitted)):
        problems.append(f"{folder} was handled but not submitted in this run")
    return problems


def compare_scores(early, serial):
    """Differences between early scores and serial ones ({student: (score, max_score)} each)."""
    return [f"{student}: early {early.get(student)}, serial {serial.get(student)}"
            for student in sorted(set(early) | set(serial)) if early.get(student) != serial.get(student)]
