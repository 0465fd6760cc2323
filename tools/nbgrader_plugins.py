"""nbgrader preprocessors that close two of its known traps. Wired in by nbgrader_config.py.

- ``DemoteStderrInGradeCells`` (autograde): nbgrader scores a test cell 0 when it wrote
  anything to stderr, even when every assert passed; one torch ``UserWarning`` is enough.
  A test cell's verdict is its exception, so stderr in grade cells is moved to stdout
  (still visible in the feedback) before the grades are saved.
- ``HideHiddenTests`` (generate_feedback): feedback is rendered from the autograded
  notebook, which contains the hidden tests, and tracebacks quote the lines that failed.
  This removes the hidden regions from test cells and reduces each test cell's traceback
  to its last line (the exception and its message), so no hidden-test source reaches HTML.
"""
import os
import re
import secrets
from pathlib import Path

import nbformat

from nbgrader import utils
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

from tools import sandbox
from tools.forkkernel import ForkingKernelManager
from nbgrader.preprocessors.clearhiddentests import ClearHiddenTests

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class DemoteStderrInGradeCells(NbGraderPreprocessor):

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["name"] = "stdout"
        return cell, resources


class HideHiddenTests(NbGraderPreprocessor):

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or not utils.is_grade(cell):
            return cell, resources
        remover = ClearHiddenTests(enforce_metadata=False)
        remover._remove_hidden_test_region(cell)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                output["traceback"] = [_ANSI.sub("", message)]
        return cell, resources


class GradingExecute(Execute):
    """nbgrader's Execute, with each submission's kernel in the sandbox (``tools.sandbox``),
    and faults confined to the cells they hit.

    - A kernel that dies (``os._exit``, a segfault, memory exhaustion, a resource limit) or a
      cell that ignores the interrupt after its timeout (the kernel is then killed): the cell
      that was running and every test cell after it get an error saying why (so they score
      0), and grading goes on with the next submission instead of losing this one.
    - With COURSE_SANDBOX=0 (trusted notebooks only), kernels are instead forked from a warm
      process (``tools.forkkernel``), which saves the ``import torch`` of every kernel start;
      COURSE_FORK_KERNELS=0 then starts each kernel from scratch.
    """

    grace_seconds = 10    # how long an interrupted cell may take to stop before its kernel is killed

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

    def preprocess(self, nb, resources=None, km=None):
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
                        continue
                    raise GradingFault(f"the grading kernel did not start: {said or error}") from error
                self._mark_unfinished(nb, error)      # grade what ran, zero the rest
                return nb, self.resources if self.resources is not None else resources

    def preprocess_cell(self, cell, resources, index):
        self._running = index
        return super().preprocess_cell(cell, resources, index)

    async def _async_handle_timeout(self, timeout, cell=None):
        reply = await super()._async_handle_timeout(timeout, cell)
        if not await self._kernel_answers(self.grace_seconds):
            await self.km.shutdown_kernel(now=True)
            raise KernelStuck(f"the cell ran past the {timeout} s limit and ignored the interrupt")
        return reply

    async def _kernel_answers(self, seconds):
        """True when the kernel replies to a kernel_info request within ``seconds``."""
        import asyncio
        msg_id = self.kc.kernel_info()
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
            said = self._kernel_said()
            if said:
                why += f"; its last words on stderr: {said}"
        running = self._running if self._running is not None else -1
        if 0 <= running < len(nb.cells):
            nb.cells[running].setdefault("outputs", []).append(_error("KernelDied", why + "."))
        for index, cell in enumerate(nb.cells):
            if index > running and cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
                cell.setdefault("outputs", []).append(
                    _error("NotRun", f"not graded: {why} in an earlier cell ({running + 1})."))
        self.log.warning("Kernel lost in cell %s: %s", running + 1, why)


class KernelStuck(RuntimeError):
    pass


class GradingFault(RuntimeError):
    """A submission could not be graded through no fault of its own (its kernel did not start).
    ``tools.autograde`` finds the reason in nbgrader's log by this class's name."""


# --- Tampering -----------------------------------------------------------------------------

GUARD_PREFIX = "_course_guard_"


def _first_code_cell(nb):
    return next((c for c in nb.cells if c.cell_type == "code"), None)


def _test_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and utils.is_grade(c) and not utils.is_solution(c)]


class GuardTestCells(NbGraderPreprocessor):
    """Before execution: the notebook's first (locked) cell ends by taking a snapshot of the
    grading environment (``course.integrity.Guard``) under a name drawn at random for this
    run; every test cell starts by verifying it. ``RestoreTestCells`` undoes the edit after
    execution, so the autograded notebook and the feedback show the cells as written."""

    def preprocess(self, nb, resources):
        name = GUARD_PREFIX + secrets.token_hex(8)
        setup = _first_code_cell(nb)
        originals = {}
        if setup is None:
            return nb, resources
        originals[id(setup)] = setup.source
        setup.source += f"\n{name} = __import__('course.integrity', fromlist=['Guard']).Guard(globals())"
        for cell in _test_cells(nb):
            originals[id(cell)] = cell.source
            cell.source = f"{name}.verify()\n" + cell.source
        resources["course_guard"] = originals
        return nb, resources


class RestoreTestCells(NbGraderPreprocessor):

    def preprocess(self, nb, resources):
        originals = resources.pop("course_guard", {})
        for cell in nb.cells:
            if id(cell) in originals:
                cell.source = originals[id(cell)]
        return nb, resources


def _error(ename, evalue):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class FlagTampering(NbGraderPreprocessor):
    """After execution: collect the reasons to distrust the submission, outside the kernel.

    - the static scan of the student's cells (``tools.tamper_scan``): any finding scores
      every test cell 0 with the finding as its message;
    - ``TamperDetected`` raised in the kernel by the guard.

    The reasons are written into the autograded notebook's metadata (``course.tampering``)
    and ``FlagInGradebook`` marks the submission as flagged in the gradebook."""

    def preprocess(self, nb, resources):
        from tools import tamper_scan
        findings = tamper_scan.scan_notebook(nb, _instructor_code(self, resources))
        reasons = [f"static scan: {f}" for f in findings]
        if findings:
            message = ("the submission contains code that tampers with grading ("
                       + "; ".join(str(f) for f in findings[:3]) + "); flagged for the instructor.")
            for cell in _test_cells(nb):
                cell.outputs.append(_error("TamperDetected", message))
        for cell in _test_cells(nb):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" and output.get("ename") == "TamperDetected" \
                        and not findings:
                    reasons.append(f"in the kernel ({cell.metadata['nbgrader']['grade_id']}): {output.get('evalue')}")
        nb.metadata.setdefault("course", {})["tampering"] = reasons
        resources["course_tampering"] = reasons
        return nb, resources


def _instructor_code(preprocessor, resources):
    """Code cells of the source notebook, read from the course folder (never from the submission)."""
    from nbgrader.coursedir import CourseDirectory
    info = resources.get("nbgrader", {})
    coursedir = CourseDirectory(config=preprocessor.config)
    path = Path(coursedir.format_path(coursedir.source_directory, ".", info.get("assignment", ""))) \
        / f"{info.get('notebook', '')}.ipynb"
    if not path.exists():
        return []
    return [c.source for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code"]


class FlagInGradebook(NbGraderPreprocessor):
    """Marks a submission with tampering reasons as flagged (nbgrader's own flag, shown by the
    formgrader); a clean regrade clears the flag again."""

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook
        info = resources["nbgrader"]
        flagged = bool(resources.get("course_tampering"))
        with Gradebook(info["db_url"]) as gb:
            notebook = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            notebook.flagged = flagged
            gb.db.commit()
        return nb, resources


# --- Faults --------------------------------------------------------------------------------

class LimitOutputSize(NbGraderPreprocessor):
    """Cuts each output's text to ``max_chars`` (megabytes of prints must not bloat the
    gradebook's notebooks or the feedback)."""

    max_chars = 20000

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and len(output.get("text", "")) > self.max_chars:
                text = output["text"]
                output["text"] = text[:self.max_chars] + f"\n... [{len(text) - self.max_chars} more characters cut]\n"
        return cell, resources
