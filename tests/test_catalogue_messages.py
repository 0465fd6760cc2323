"""Every wrong catalogue case's feedback names its own mistake (its header's ``# names:``) or
none, never another (``tools/catalogue/naming.py``): here the hidden tests that call code, on
the fast path (``tools/catalogue/quick.py``, no nbgrader); the value answers are checked where
real nbgrader grades them (``tests/test_assignments.py``)."""
import pytest

from conftest import ASSIGNMENTS
from tools.catalogue import quick, submissions
from tools.catalogue.naming import naming_problems
from tools.hidden_tests import has_suite, suite_for


@pytest.mark.parametrize("aid", [aid for aid in ASSIGNMENTS if has_suite(aid)])
def test_wrong_cases_name_their_own_mistake_or_none(aid, synthetic_data):
    reference = quick.reference_notebook(aid)
    wrong = [case for case in submissions.load_cases(aid) if case.kind == "wrong"]
    lost = quick.lost_cells(aid, {case.name: submissions.apply_case(reference, case) for case in wrong})
    code_tests = {test.cell for test in suite_for(aid).tests.values() if test.calls_code}
    problems = [problem for case in wrong for problem in naming_problems(case, lost[case.name], code_tests)]
    assert problems == [], "\n".join(problems)
