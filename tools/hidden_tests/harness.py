"""What a hidden-test suite is made of, and what a test sees of the submission.

A suite (one per assignment) names its exercises, the pieces each builds on, its reference
and probes modules, and registers one test per graded test cell::

    suite = Suite(reference, probes, exercises={"sigmoid": [], "forward": ["sigmoid"]})

    @suite.test("test_forward", exercise="forward")
    def test_forward(student):
        got = student.call("forward", params, x)        # runs in the sandbox, comes back by value
        check_close("y_hat", got["y_hat"], reference.forward(params, x)["y_hat"])

A test fails by raising ``course.checks.CheckFailed`` (the checks' helpers do); the student's
code raising, or missing, fails it with a message saying so (``tools.grader.verdict``).
"""
import ast
import inspect
from dataclasses import dataclass

from tools.grader.worker_process import Missing, StudentRaised  # noqa: F401 (tests catch StudentRaised)


@dataclass
class HiddenTest:
    cell: str
    function: object
    exercise: str                 # the answer cell it grades
    values: tuple = ()            # names read from the notebook's own run after this cell (then no worker)

    @property
    def calls_code(self):
        return not self.values


class Suite:
    def __init__(self, reference, probes, exercises):
        self.reference, self.probes, self.exercises = reference, probes, dict(exercises)
        self.tests = {}

    def test(self, cell, exercise, values=()):
        if exercise not in self.exercises:
            raise ValueError(f"{cell}: unknown exercise {exercise}")

        def register(function):
            self.tests[cell] = HiddenTest(cell, function, exercise, tuple(values))
            return function
        return register

    def cells_of(self, exercise):
        return [t.cell for t in self.tests.values() if t.exercise == exercise]

    def values_after(self):
        """Test cell -> names the kernel is asked for once that cell has run."""
        return {t.cell: list(t.values) for t in self.tests.values() if t.values}

    def shipped(self, names):
        """Source of the reference pieces ``names`` (with the reference module's imports), for
        the worker: the pieces an exercise builds on, never the exercise itself."""
        return "\n\n".join([_imports_of(self.reference)] + [inspect.getsource(getattr(self.reference, n))
                                                            for n in names])

    def probes_source(self):
        return inspect.getsource(self.probes) if self.probes is not None else ""


def _imports_of(module):
    tree = ast.parse(inspect.getsource(module))
    return "\n".join(ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom)))


class NotAvailable(Exception):
    """A value the notebook's run did not produce (the message says why)."""


class Student:
    """The submission as a hidden test sees it: its functions, called in the worker, and the
    answers its own run left in the notebook. Everything comes back as plain data."""

    def __init__(self, exercise=None, values=None):
        self._exercise, self._values = exercise, values or {}

    def call(self, name, *args, **kwargs):
        """``name(*args, **kwargs)`` with the student's code, in the worker; the result by value.
        Raises ``StudentRaised`` when their code raises."""
        return self._exercise.call(name, *args, **kwargs)

    def probe(self, name, *args, **kwargs):
        """``probes.<name>(namespace, *args, **kwargs)`` in the worker; its result by value."""
        return self._exercise.probe(name, *args, **kwargs)

    @property
    def code(self):
        """The code loaded for the exercise, as text: ``{"answer": [...], "definitions": [...]}``."""
        return self._exercise.code

    def value(self, name):
        """A variable of the notebook's own run, read after this test cell ran."""
        if name not in self._values:
            raise NotAvailable(f"{name} could not be read from your notebook's run")
        found = self._values[name]
        if isinstance(found, NotAvailable):
            raise found
        return found
