"""What ``make autograde`` and ``make demo`` print about failed submissions (tools/autograde.py)."""
import subprocess

from tools.autograde import Outcome, _reason, summary


def test_each_reason_is_printed_once_with_the_students_it_hit():
    outcomes = [Outcome("a", False, 1, "the grading kernel did not start: setpriv: no such file"),
                Outcome("b", False, 1, "the grading kernel did not start: setpriv: no such file"),
                Outcome("c", True, 1), Outcome("d", False, 1, "invalid JSON")]
    text = summary("01_autograd", outcomes, 3)
    assert text.splitlines()[0] == "01_autograd: 1 graded, 3 failed, in 3 s"
    assert text.count("setpriv") == 1 and "FAILED (2): the grading kernel" in text and "    a, b" in text
    assert "FAILED (1): invalid JSON" in text


def test_the_reason_is_the_graders_own_when_it_gave_one():
    log = ("[AutogradeApp | ERROR] There was an error processing assignment: /x/submitted/a/01\n"
           "    tools.grader.execute.GradingFault: the grading kernel did not start: setpriv: failed\n"
           "[AutogradeApp | ERROR] There was an error processing assignment '01' for student 'a'\n")
    done = subprocess.CompletedProcess([], 1, stdout="", stderr=log)
    assert _reason(done) == "the grading kernel did not start: setpriv: failed"
