"""Verdicts computed outside the kernel, written into the test cells (tools/grader/verdict.py)."""
import nbformat
from nbgrader import utils

from tools.grader import verdict
from tools.grader.cells import error_output
from tools.grader.worker_process import Missing, StudentRaised
from tools.hidden_tests.harness import HiddenTest, NotAvailable


def _test_cell(*outputs):
    cell = nbformat.v4.new_code_cell("check()")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "t", "points": 2}
    cell.outputs = list(outputs)
    return cell


def _stream(name, text):
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_a_passed_cell_scores_full_whatever_the_kernel_said():
    cell = _test_cell(_stream("stdout", "shown\n"), _stream("stderr", "warning\n"),
                      nbformat.v4.new_output("execute_result", data={"text/plain": "0.0"}, execution_count=1),
                      error_output("CheckFailed", "the kernel's own check"))
    verdict.write_verdict(cell, None)
    assert utils.determine_grade(cell)[0] == 2
    text = "".join(o.get("text", "") for o in cell.outputs)
    assert "shown" in text and "warning" in text and "the kernel's own check" in text


def test_a_failed_cell_scores_zero_with_the_tests_message_whatever_the_kernel_said():
    cell = _test_cell(_stream("stdout", "\u2714 passed\n"))
    verdict.write_verdict(cell, "sigmoid(0): expected 0.5, got 0.")
    assert utils.determine_grade(cell)[0] == 0
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert [(e.ename, e.evalue) for e in errors] == [("CheckFailed", "sigmoid(0): expected 0.5, got 0.")]


class _Exercise:
    load_errors = [{"where": "your answer cell", "type": "SyntaxError", "message": "invalid syntax"},
                   {"where": "your other cells", "type": "NameError", "message": "x"}]


def _run(function):
    return verdict.run_test(HiddenTest("t", function, "e"), _Exercise(), {})


def test_messages_say_what_happened():
    def raises(kind, message):
        def test(student):
            raise StudentRaised(kind, message, "return 1 / 0")
        return test
    assert _run(raises("NotImplementedError", "")) == \
        "this exercise is still to do: its function raises NotImplementedError."
    assert _run(raises("ZeroDivisionError", "division by zero")) == \
        "your code raised ZeroDivisionError at `return 1 / 0`: division by zero"

    def missing(student):
        raise Missing("sigmoid")
    assert _run(missing) == "sigmoid is not defined by your answer (running it: SyntaxError: invalid syntax)."

    def absent(student):
        raise NotAvailable("b3 could not be read from your notebook's run")
    assert _run(absent) == "b3 could not be read from your notebook's run."

    def unreadable(student):
        return {}["y_hat"]
    assert _run(unreadable).startswith("the result could not be checked (KeyError")
    assert _run(lambda student: None) is None


def test_code_calling_tests_are_graded_while_the_kernel_runs_and_value_tests_after():
    from tools.catalogue.quick import reference_notebook
    from tools.grader.worker_process import Worker
    from tools.hidden_tests import suite_for
    suite, nb = suite_for("01_autograd"), reference_notebook("01_autograd")
    worker = Worker(sandboxed=False).start()
    try:
        early = verdict.EarlyVerdicts(nb, "01_autograd", worker)
        early.start()
        assert verdict.EarlyVerdicts.finish({"course_early": early}) == {
            cell: None for cell, test in suite.tests.items() if test.calls_code}
        late = verdict.grade(nb, suite, worker, {}, which=lambda test: not test.calls_code)
        assert set(late) == {cell for cell, test in suite.tests.items() if not test.calls_code} != set()
        assert all("could not be read" in message for message in late.values())
    finally:
        worker.stop()
