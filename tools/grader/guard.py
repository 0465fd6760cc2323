"""The guard cells (autograde): test cells first verify a snapshot of the grading environment
(``course.integrity.Guard``) taken at the end of the locked set-up cell.

Only for assignments whose hidden tests still run in the kernel: where a suite in
``tools/hidden_tests/`` computes the scores outside the kernel (``verdict.py``), nothing in
the kernel decides a score and there is nothing to guard."""
import secrets

from nbgrader.preprocessors import NbGraderPreprocessor

from tools.grader.cells import setup_cell, test_cells
from tools.hidden_tests import suite_for

GUARD_PREFIX = "_course_guard_"


class GuardTestCells(NbGraderPreprocessor):
    """Before execution: the notebook's locked set-up cell ends by taking a snapshot of the
    grading environment (``course.integrity.Guard``) under a name drawn at random for this
    run; every test cell starts by verifying it. ``RestoreTestCells`` undoes the edit after
    execution, so the autograded notebook and the feedback show the cells as written."""

    def preprocess(self, nb, resources):
        if suite_for(resources["nbgrader"]["assignment"]) is not None:
            return nb, resources
        name = GUARD_PREFIX + secrets.token_hex(8)
        setup = setup_cell(nb)
        originals = {}
        if setup is None:
            return nb, resources
        originals[id(setup)] = setup.source
        setup.source += f"\n{name} = __import__('course.integrity', fromlist=['Guard']).Guard(globals())"
        for cell in test_cells(nb):
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
