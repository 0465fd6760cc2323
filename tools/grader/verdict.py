"""Scores computed where no student code runs (autograde, after the notebook's execution).

The kernel executes the notebook for what the student sees: outputs, figures, the visible
checks. The score of each test cell is decided here, in nbgrader's process, by the hidden
tests of ``tools/hidden_tests/``: each exercise's answer is loaded in the grading worker, in
the sandbox, with reference versions of the pieces it builds on (``tools.worker.serve``); the
tests call it with inputs they choose, get values back by value and compare them with the
reference here. Nothing in the kernel (its messages, modules, globals, tracing) can change a
score, and no hidden test ever exists in the kernel, so none can reach the feedback.

- ``StartWorker`` (before execution) starts the worker and, in a thread, grades the tests that
  call the student's code while the kernel runs (they need nothing from the kernel's run);
- ``GradingExecute`` (``tools.grader.execute``) reads the value answers (``b3 = ...``) from the
  kernel after their test cells, by value (``answers.py``);
- ``ComputeVerdicts`` (after execution) runs the tests and writes each verdict into its cell:
  the kernel's own errors are dropped from a cell the tests passed (noted in a line) and an
  error with the test's message is added to a cell they failed, which is what nbgrader scores.

An assignment without a suite (``tools.hidden_tests.suite_for`` is None) cannot be graded:
each of its submissions fails with the reason, rather than being scored by its kernel.
"""
import atexit
import logging
import threading

import nbformat
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from tools.grader import CELL_TIMEOUT, sandbox, student_code
from tools.grader.cells import error_line, error_output, setup_cell, test_cells
from tools.grader.worker_process import Missing, StudentRaised, Worker, WorkerFault
from tools.hidden_tests import has_suite

log = logging.getLogger(__name__)
_shared = None           # one worker for every submission this process grades (reset between them)


def _suite(assignment):
    """Imported here, not at the top: the suites import torch (2 s), which EarlyVerdicts does
    in its thread while the first kernel starts."""
    from tools.hidden_tests import suite_for
    return suite_for(assignment)


def _worker(seconds):
    """The process's worker, fit for a new submission; its calls may each take ``seconds``
    (nbgrader's Execute.timeout)."""
    global _shared
    if _shared is None or _shared.sandboxed != sandbox.enabled():
        if _shared is not None:
            _shared.stop()
        _shared = Worker(sandboxed=sandbox.enabled())
        atexit.register(_shared.stop)
    _shared.reset()
    _shared.seconds = seconds
    return _shared


def _cell_timeout(preprocessor):
    timeout = preprocessor.config.Execute.get("timeout", CELL_TIMEOUT)
    return timeout if isinstance(timeout, (int, float)) and timeout > 0 else CELL_TIMEOUT


class EarlyVerdicts(threading.Thread):
    """The tests that call the student's code (all but the value answers), graded in the
    worker while the kernel runs the notebook: they read only the submitted code, which is
    final once nbgrader has restored the instructor's cells. Its own copy of the notebook,
    since the execution changes the one nbgrader holds."""

    def __init__(self, nb, assignment, worker):
        super().__init__(daemon=True)
        self.nb, self.assignment, self.worker = nbformat.from_dict(nb), assignment, worker
        self.verdicts = None           # None: not graded (an error, logged): ComputeVerdicts grades them

    def run(self):
        try:
            suite = _suite(self.assignment)
            self.verdicts = grade(self.nb, suite, self.worker, {}, which=lambda test: test.calls_code)
        except Exception:
            log.warning("grading during execution failed; graded after it instead", exc_info=True)

    @classmethod
    def finish(cls, resources):
        early = resources.pop("course_early", None)
        if early is not None:
            early.join()
        return early.verdicts if early is not None else None


_last_resources = None     # the previous submission's, whose early verdicts may still be running


class StartWorker(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        global _last_resources
        if _last_resources is not None:
            EarlyVerdicts.finish(_last_resources)   # its execution failed, so nothing waited for them
        assignment = resources["nbgrader"]["assignment"]
        if has_suite(assignment):
            worker = resources["course_worker"] = _worker(_cell_timeout(self)).start()
            resources["course_early"] = EarlyVerdicts(nb, assignment, worker)
            resources["course_early"].start()
            _last_resources = resources
        return nb, resources


class ComputeVerdicts(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        suite = _suite(assignment)
        if suite is None:
            raise NoHiddenTests(f"{assignment} has no hidden tests (tools/hidden_tests/a{assignment}/): "
                                "its scores cannot be computed outside the kernel")
        early = EarlyVerdicts.finish(resources)
        worker = resources.pop("course_worker", None) or _worker(_cell_timeout(self))
        try:
            verdicts = grade(nb, suite, worker, resources.get("course_answers", {}),
                             which=(lambda test: not test.calls_code) if early is not None else lambda test: True)
            verdicts.update(early or {})
        finally:
            worker.reset()          # nothing of this submission waits for the next one
        for cell in test_cells(nb):
            write_verdict(cell, verdicts.get(cell.metadata["nbgrader"]["grade_id"],
                                             "this test cell has no hidden test; tell your instructor."))
        return nb, resources


class NoHiddenTests(RuntimeError):
    pass


def grade(nb, suite, worker, answers, which=lambda test: True):
    """Test cell -> None (passed) or the message of its failure, in the notebook's order, for
    the tests ``which`` selects. The worker holds one exercise at a time: consecutive test
    cells of an exercise share it."""
    verdicts, name, current = {}, None, None
    try:
        for cell in test_cells(nb):
            cell_id = cell.metadata["nbgrader"]["grade_id"]
            test = suite.tests.get(cell_id)
            if test is None or not which(test):
                continue
            if test.calls_code and test.exercise != name:
                _close(current)
                name, current = test.exercise, _open(nb, suite, worker, test.exercise)
            verdicts[cell_id] = run_test(test, current if test.calls_code else None, answers)
    finally:
        _close(current)
    return verdicts


def _close(exercise):
    if exercise is not None and not isinstance(exercise, str):
        exercise.close()


def _open(nb, suite, worker, exercise):
    """The exercise's namespace in the worker, or the reason it could not be made."""
    answer_cell, others = None, []
    setup = setup_cell(nb)
    tests = {id(cell) for cell in test_cells(nb)}
    for cell in nb.cells:
        if cell.cell_type != "code" or cell is setup or id(cell) in tests:
            continue
        if utils.is_solution(cell) and cell.metadata["nbgrader"].get("grade_id") == exercise:
            answer_cell = cell
        else:
            others.extend(student_code.definitions(cell.source))
    answer = student_code.statements(answer_cell.source) if answer_cell else []
    try:
        opened = worker.exercise(setup=student_code.statements(setup.source) if setup is not None else [],
                                 definitions=others,
                                 references=suite.shipped(suite.exercises[exercise]),
                                 dependencies=suite.exercises[exercise], probes=suite.probes_source(),
                                 answer=answer)
    except WorkerFault as fault:
        return f"your code could not be loaded for grading: {fault}"
    opened.code = {"answer": answer, "definitions": others}
    return opened


def run_test(test, exercise, answers):
    """None when the test passes, else its message (what was checked, expected, received)."""
    from course.checks import CheckFailed
    from tools.hidden_tests.harness import NotAvailable, Student
    if isinstance(exercise, str):
        return exercise
    student = Student(exercise, answers)
    try:
        test.function(student)
        return None
    except CheckFailed as failure:
        return str(failure)
    except StudentRaised as raised:
        return _raised_message(raised, exercise)
    except Missing as missing:
        return _missing_message(str(missing), exercise)
    except NotAvailable as absent:
        return str(absent) + "."
    except WorkerFault as fault:
        return f"grading stopped: {fault}."
    except Exception as error:          # the student's result was not what the test could read
        log.warning("hidden test %s: %s: %s", test.cell, type(error).__name__, error, exc_info=True)
        return f"the result could not be checked ({type(error).__name__}: {error})."


def _raised_message(raised, exercise):
    if raised.type_name == "NotImplementedError":
        return "this exercise is still to do: its function raises NotImplementedError."
    where = f" at `{raised.line.strip()}`" if raised.line.strip() else ""
    return f"your code raised {raised.type_name}{where}: {raised.message}"


def _missing_message(name, exercise):
    said = "; ".join(f"{e['type']}: {e['message']}" for e in exercise.load_errors if e["where"] == "your answer cell")
    return f"{name} is not defined by your answer" + (f" (running it: {said})" if said else "") + "."


def write_verdict(cell, message):
    """The cell's outputs as the student sees them, with the verdict as the only error nbgrader
    can score: the kernel's own errors, stderr and results become notes, never scores."""
    kept, noted = [], []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "error":
            noted.append(error_line(output))
        elif kind == "stream" and output.get("name") == "stderr":
            kept.append(nbformat.v4.new_output("stream", name="stdout", text=output.get("text", "")))
        elif kind != "execute_result":
            kept.append(output)
    if noted and message is None:
        kept.append(nbformat.v4.new_output("stream", name="stdout", text=(
            f"(In your notebook's run this cell stopped at {noted[-1]}; the grader's run of your code "
            "passed every check.)\n")))
    if message is not None:
        kept.append(error_output("CheckFailed", message))
    cell.outputs = kept
