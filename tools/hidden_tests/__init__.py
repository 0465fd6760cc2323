"""The hidden tests: instructor-only Python, run by nbgrader's process, never by a kernel.

One package per assignment, ``a<assignment id>`` (``a01_autograd``), each with

- ``__init__.py``: ``suite``, the tests, one function per graded test cell of the notebook.
  A test receives a ``Student`` (``tools.hidden_tests.harness``) whose calls run the student's
  code in the grading worker, in the sandbox, and come back by value; it computes the expected
  values itself, with the reference, and compares them here, where no student code runs;
- ``reference.py``: independent reference solutions, for expected values, and shipped into the
  worker as the pieces a later exercise builds on (never the exercise being graded);
- ``probes.py``: code that runs in the worker beside the student's (probe models, scripted
  loaders): it builds inputs, calls the student's code, reports what happened, and decides
  nothing.

Nothing here ships to students: ``tests/test_leaks.py`` checks the release and the bundle.
"""
import importlib
import importlib.util


def has_suite(assignment):
    """Whether the assignment has a suite, without importing it (and torch)."""
    return importlib.util.find_spec(f"tools.hidden_tests.a{assignment}") is not None


def suite_for(assignment):
    """The hidden-test suite of an assignment, or None where its tests still live in the notebook."""
    try:
        module = importlib.import_module(f"tools.hidden_tests.a{assignment}")
    except ModuleNotFoundError as error:
        if error.name == f"tools.hidden_tests.a{assignment}":
            return None
        raise
    return module.suite
