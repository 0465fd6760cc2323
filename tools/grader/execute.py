"""``GradingExecute`` (autograde): nbgrader's Execute with every kernel in the grading sandbox,
and kernel faults (a kernel that dies, hangs or does not start) confined to what they hit."""
import os

import nbformat
from nbgrader import utils
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

from tools.grader import answers, sandbox
from tools.grader.cells import error_output
from tools.grader.forkkernel import ForkingKernelManager


class GradingExecute(Execute):
    """nbgrader's Execute, with each submission's kernel in the sandbox (``tools.grader.sandbox``),
    and faults confined to the cells they hit.

    - A kernel that dies (``os._exit``, a segfault, memory exhaustion, a resource limit) or a
      cell that ignores the interrupt after its timeout (the kernel is then killed): the cell
      that was running and every test cell after it get an error saying why (so they score
      0), and grading goes on with the next submission instead of losing this one.
    - With COURSE_SANDBOX=0 (trusted notebooks only), kernels are instead forked from a warm
      process (``tools.grader.forkkernel``), which saves the ``import torch`` of every kernel start;
      COURSE_FORK_KERNELS=0 then starts each kernel from scratch.
    """

    grace_seconds = 10    # how long an interrupted cell may take to stop before its kernel is killed
    # Output a cell may send (prints and rich display data alike) before the rest is dropped as
    # it arrives, and the whole notebook's: a kernel must not fill the grader's memory, the
    # graded notebook or the feedback (LimitOutputSize then trims what was kept).
    cell_output_bytes = 4 * 2**20
    notebook_output_bytes = 32 * 2**20

    def __init__(self, *args, **kwargs):
        if sandbox.enabled():
            sandbox.check_available()
            kwargs.setdefault("kernel_manager_class", sandbox.SandboxedKernelManager)
        elif os.environ.get("COURSE_FORK_KERNELS", "1") != "0":
            kwargs.setdefault("kernel_manager_class", ForkingKernelManager)
        super().__init__(*args, **kwargs)

    def create_kernel_manager(self):
        self._kernel_manager = super().create_kernel_manager()     # nbclient forgets it at cleanup
        return self._kernel_manager

    def _kernel_said(self):
        """The kernel's last lines of standard error (sandboxed kernels only), as one line."""
        tail = getattr(getattr(self, "_kernel_manager", None), "stderr_tail", lambda: [])()
        return " | ".join(tail)

    def output(self, outs, msg, display_id, cell_index):
        size = _output_bytes(msg.get("content", {}))
        spent = self._output_spent.get(cell_index, 0) + size
        self._output_spent[cell_index] = spent
        self._output_total += size
        if spent > self.cell_output_bytes or self._output_total > self.notebook_output_bytes:
            if cell_index not in self._output_cut:
                self._output_cut.add(cell_index)
                limit = self.cell_output_bytes if spent > self.cell_output_bytes else self.notebook_output_bytes
                outs.append(nbformat.v4.new_output("stream", name="stdout", text=(
                    f"[output cut: past {limit // 2**20} MB of output the rest was dropped]\n")))
            return None
        return super().output(outs, msg, display_id, cell_index)

    def preprocess(self, nb, resources=None, km=None):
        self._output_spent, self._output_total, self._output_cut = {}, 0, set()
        # The value answers to read are looked up at the first test cell, not here: the suite
        # imports torch, which is better done while the kernel starts (verdict.StartWorker).
        self._answers, self._answers_after = {}, None
        try:
            nb, resources = self._execute(nb, resources, km)
        finally:
            self._release_kernel_resources()
        resources["course_answers"] = self._answers
        if getattr(self._kernel_manager, "memory_limit_hit", False):
            resources.setdefault("course_limits_hit", []).append(
                f"memory: the sandbox's processes together reached {sandbox.Limits.from_env().total_memory_mb} MB "
                "and the largest was killed")
        return nb, resources

    def _release_kernel_resources(self):
        """Whatever way the kernel ended, its memory group and socket folder go (nbclient does
        not always call the manager's clean-up)."""
        release = getattr(getattr(self, "_kernel_manager", None), "release_resources", None)
        if release is not None:
            release()

    def _execute(self, nb, resources, km):
        self._kernel_manager = None
        for attempt in (1, 2):
            self._running = None
            try:
                return super().preprocess(nb, resources, km)
            except Exception as error:
                if self._running is None:
                    # The kernel did not start, before any student code ran: the grader's
                    # fault, never the student's. One more try, then the submission is
                    # listed as failed with the reason (not graded 0).
                    said = self._kernel_said()
                    if attempt == 1:
                        self.log.warning("Kernel failed to start (%s; kernel said: %s); retrying once",
                                         error, said or "nothing")
                        self._release_kernel_resources()
                        continue
                    raise GradingFault(f"the grading kernel did not start: {said or error}") from error
                self._mark_unfinished(nb, error)      # grade what ran, zero the rest
                return nb, self.resources if self.resources is not None else resources

    def preprocess_cell(self, cell, resources, index):
        self._running = index
        cell, resources = super().preprocess_cell(cell, resources, index)
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id and self._answers_after is None:
            self._answers_after = _answers_after(self.resources if self.resources is not None else resources)
        names = (self._answers_after or {}).get(grade_id)
        if names and cell.cell_type == "code":
            # The value answers this test cell is about, read by value for the hidden tests.
            reader = nbformat.v4.new_code_cell(answers.reading_code(names))
            try:
                self.execute_cell(reader, index, store_history=False)
            finally:
                self.nb.cells[index] = cell        # nbclient puts the cell it ran at that index
            self._answers.update(answers.read_outputs(reader.outputs, names))
        return cell, resources

    async def _async_handle_timeout(self, timeout, cell=None):
        import zmq
        try:
            reply = await super()._async_handle_timeout(timeout, cell)
            answered = await self._kernel_answers(self.grace_seconds)
        except zmq.Again:                 # it no longer takes messages: nothing to wait for
            reply, answered = None, False
        if not answered:
            await self.km._async_kill_kernel()        # shutdown_kernel would try to interrupt it first
            raise KernelStuck(f"the cell ran past the {timeout} s limit and ignored the interrupt")
        return reply

    async def _kernel_answers(self, seconds):
        """True when the kernel replies to a kernel_info request within ``seconds``."""
        import asyncio
        import zmq
        try:
            msg_id = self.kc.kernel_info()
        except zmq.Again:
            return False
        deadline = asyncio.get_running_loop().time() + seconds
        while True:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return False
            try:
                msg = await self.kc.shell_channel.get_msg(timeout=left)
            except Exception:
                return False
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return True

    def _mark_unfinished(self, nb, error):
        why = str(error) or type(error).__name__
        if "died" in why.lower() or type(error).__name__ == "DeadKernelError":
            why = ("the kernel died (os._exit, a crash, or memory or a resource limit of the "
                   "grading sandbox exhausted)")
            manager = getattr(self, "_kernel_manager", None)
            if getattr(manager, "memory_limit_reached", lambda: False)():
                limit = sandbox.Limits.from_env().total_memory_mb
                why = (f"the kernel died: its processes together passed the grading sandbox's memory "
                       f"limit of {limit} MB")
            said = self._kernel_said()
            if said:
                why += f"; its last words on stderr: {said}"
        running = self._running if self._running is not None else -1
        if 0 <= running < len(nb.cells):
            nb.cells[running].setdefault("outputs", []).append(error_output("KernelDied", why + "."))
        for index, cell in enumerate(nb.cells):
            if index > running and cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
                cell.setdefault("outputs", []).append(
                    error_output("NotRun", f"did not run: {why} in an earlier cell ({running + 1})."))
        self.log.warning("Kernel lost in cell %s: %s", running + 1, why)


def _answers_after(resources):
    """Test cell -> the value answers to read after it (from the assignment's hidden tests)."""
    from tools.hidden_tests import suite_for
    assignment = ((resources or {}).get("nbgrader") or {}).get("assignment")
    suite = suite_for(assignment) if assignment else None
    return suite.values_after() if suite is not None else {}


class KernelStuck(RuntimeError):
    pass


def _output_bytes(content):
    """About how many bytes an output message carries (its text, data or traceback)."""
    parts = [content.get("text", ""), *content.get("traceback", []), *content.get("data", {}).values()]
    return sum(len(part) if isinstance(part, (str, bytes)) else len(str(part)) for part in parts)


class RecordLimitsHit(NbGraderPreprocessor):
    """After execution (and after nbconvert clears the metadata): the sandbox limits a submission
    reached, in the autograded notebook's metadata (``course.limits_hit``) for the instructor."""

    def preprocess(self, nb, resources):
        nb.metadata.setdefault("course", {})["limits_hit"] = resources.get("course_limits_hit", [])
        return nb, resources


class GradingFault(RuntimeError):
    """A submission could not be graded through no fault of its own (its kernel did not start).
    ``tools.autograde`` finds the reason in nbgrader's log by this class's name."""
