"""The hidden tests of an assignment on its catalogue, in seconds: no nbgrader, no kernel.

Each case's notebook (the reference solution with the case's answer, as the real grading
builds it) goes straight to ``tools.grader.verdict.grade`` with a grading worker outside the
sandbox. Only the tests that call the student's code run; those reading values from the
notebook's own run need its kernel, and real nbgrader (``tools.catalogue.grade``).

    python -m tools.catalogue.quick 01_autograd [case ...]

prints, per case, the test cells it lost and whether that is what its header says, and
whether its messages name the mistake its header names, or none (``tools.catalogue.naming``).
"""
import sys

from tools.catalogue import submissions
from tools.catalogue.naming import naming_problems
from tools.common.paths import REPO
from tools.grader.verdict import grade
from tools.grader.worker_process import Worker
from tools.hidden_tests import suite_for


def reference_notebook(aid):
    source = submissions.read(REPO / "source" / aid / f"{aid}.ipynb")
    release = submissions.read(REPO / "release" / aid / f"{aid}.ipynb")
    return submissions.reference_submission(release, source)


def lost_cells(aid, notebooks, worker=None, exercise=None):
    """name -> {test cell: message} for each notebook (code-calling tests only; only those of
    ``exercise`` when it is given)."""
    suite = suite_for(aid)
    own_worker = worker is None
    worker = worker or Worker(sandboxed=False)
    try:
        code_tests = {t.cell for t in suite.tests.values() if t.calls_code and exercise in (None, t.exercise)}
        out = {}
        for name, nb in notebooks.items():
            verdicts = grade(nb, suite, worker, answers={}, which=lambda test: test.cell in code_tests)
            out[name] = {cell: message for cell, message in verdicts.items() if message and cell in code_tests}
        return out
    finally:
        if own_worker:
            worker.stop()


def main(argv):
    aid, wanted = argv[0], set(argv[1:])
    reference = reference_notebook(aid)
    cases = [c for c in submissions.load_cases(aid) if not wanted or c.name in wanted]
    notebooks = {"reference": reference, **{c.name: submissions.apply_case(reference, c) for c in cases}}
    results = lost_cells(aid, notebooks)
    suite, bad = suite_for(aid), 0
    code_tests = {t.cell for t in suite.tests.values() if t.calls_code}
    for name, lost in results.items():
        case = next((c for c in cases if c.name == name), None)
        expected = set(case.fails) & code_tests if case and case.kind == "wrong" else set()
        own = set(suite.cells_of(case.exercise)) if case else set()
        ok = set(lost) == expected if case is None or case.kind != "wrong" or expected else set(lost) <= own
        misnamed = naming_problems(case, lost, code_tests) if case and case.kind == "wrong" else []
        bad += not ok or bool(misnamed)
        print(f"[{'ok' if ok and not misnamed else 'WRONG'}] {name}: lost {sorted(lost) or 'nothing'}"
              + ("" if ok else f" (expected {sorted(expected)})"))
        for cell, message in lost.items():
            print(f"      {cell}: {message[:300]}")
        for problem in misnamed:
            print(f"      naming: {problem}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
