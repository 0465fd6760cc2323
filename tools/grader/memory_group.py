"""One memory limit for the sandbox as a whole. ``RLIMIT_DATA`` (``sandbox.Limits``) bounds each
process on its own, so a kernel that starts ten processes could hold ten times as much, and
pages written to the sandbox's in-memory file systems count for no process at all. A memory
cgroup counts them all together: when they pass the limit, the kernel's processes are killed,
the cells it did not finish score 0 and the reason is recorded.

The group is made inside the grader's own cgroup, so every limit above it still holds. This
needs write access there: root with cgroup v1's memory controller, or a cgroup v2 whose memory
controller is delegated to the grader's group. Elsewhere ``MemoryGroup.create`` returns None
and the per-process limits are all there is (``available()`` says which).
"""
import os
import signal
import time
from pathlib import Path

V1_ROOT = Path("/sys/fs/cgroup/memory")
V2_ROOT = Path("/sys/fs/cgroup")


def _own_group():
    """``(folder of this process's memory cgroup, version)``, or ``(None, None)``."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None, None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if "memory" in controllers.split(",") and V1_ROOT.is_dir():
            return V1_ROOT / path.lstrip("/"), 1
    for line in lines:
        if line.startswith("0::"):
            folder = V2_ROOT / line[3:].lstrip("/")
            try:
                delegated = "memory" in (folder / "cgroup.subtree_control").read_text().split()
            except OSError:
                delegated = False
            if delegated:
                return folder, 2
    return None, None


def available():
    folder, _ = _own_group()
    return folder is not None and os.access(folder, os.W_OK)


class MemoryGroup:
    """A memory cgroup of ``limit_mb``, named ``name``, below the grader's own."""

    def __init__(self, folder, version, limit_mb):
        self.folder, self.version, self.limit_mb = folder, version, limit_mb
        self.limit_hit = False

    @classmethod
    def create(cls, name, limit_mb):
        parent, version = _own_group()
        if parent is None or not os.access(parent, os.W_OK):
            return None
        folder = parent / name
        try:
            folder.mkdir()
            limit = str(limit_mb * 2**20)
            if version == 1:
                (folder / "memory.limit_in_bytes").write_text(limit)
                swap = folder / "memory.memsw.limit_in_bytes"       # swap must not be a way around it
                if swap.exists():
                    swap.write_text(limit)
            else:
                (folder / "memory.max").write_text(limit)
                if (folder / "memory.swap.max").exists():
                    (folder / "memory.swap.max").write_text("0")
        except OSError:
            cls(folder, version, limit_mb).remove()
            return None
        return cls(folder, version, limit_mb)

    def join(self, pid=None):
        """Put ``pid`` (default: this process) in the group; its children will be in it too."""
        (self.folder / "cgroup.procs").write_text(str(pid or os.getpid()))

    def pids(self):
        try:
            return [int(p) for p in (self.folder / "cgroup.procs").read_text().split()]
        except OSError:
            return []

    def oom_kills(self):
        name = "memory.oom_control" if self.version == 1 else "memory.events"
        try:
            lines = (self.folder / name).read_text().splitlines()
        except OSError:
            return 0
        counts = dict(line.split() for line in lines if len(line.split()) == 2)
        return int(counts.get("oom_kill", 0))

    def remove(self):
        """Kill what is left in the group and remove it; remembers whether the limit was hit."""
        self.limit_hit = self.limit_hit or self.oom_kills() > 0
        for _ in range(50):
            pids = self.pids()
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.05)
        try:
            self.folder.rmdir()
        except OSError:
            pass
