"""Honest but unusual submissions (``catalogue/honest/<case>.py``): a correct ``01_autograd``
written the way real students write notebooks. Each must keep full marks and never be flagged:
a grader that distrusts autoreload or a cell above the set-up punishes honest students.

    # why: many students keep autoreload on       what the case stands for
    # change: first-cell                         where its code goes:
    #     first-cell      a new code cell above every other
    #     last-cell       a new code cell at the end
    #     answer          in place of the answer cell of ``exercise``
    #     prefix-answer   above the reference code, in the answer cell of ``exercise``
    #     stale-outputs   no code: the reference, saved with old outputs, execution counts out
    #                     of order and an old error in a test cell
    # exercise: mse_grads                        (answer, prefix-answer)
    <code>

The attack class (``tools.catalogue.attacks.grade_attacks``) grades them beside the attacks.
"""
from dataclasses import dataclass

import nbformat

from tools.catalogue import submissions
from tools.common.paths import CATALOGUE

FOLDER = CATALOGUE / "honest"
CHANGES = {"first-cell", "last-cell", "answer", "prefix-answer", "stale-outputs"}


@dataclass
class HonestCase:
    name: str
    why: str
    change: str
    code: str
    exercise: str = ""

    @property
    def student(self):
        return f"honest-{self.name}"


def parse(path):
    header, code = submissions.read_case_file(path, {"why", "change", "exercise"})
    submissions.require(header, path, "why", "change")
    if header["change"] not in CHANGES:
        raise ValueError(f"{path}: unknown change '{header['change']}'")
    if header["change"] in ("answer", "prefix-answer"):
        submissions.require(header, path, "exercise")
    return HonestCase(name=path.stem, why=header["why"], change=header["change"], code=code,
                      exercise=header.get("exercise", ""))


def load():
    return [parse(p) for p in sorted(FOLDER.glob("*.py"))]


def build(case, reference, assignment):
    """The submission of one honest case: the reference notebook, changed as the case says."""
    nb = nbformat.from_dict(reference)
    if case.change == "answer":
        return submissions.apply_case(nb, submissions.Case(assignment, case.name, case.exercise, "alternative",
                                                           case.code))
    if case.change == "prefix-answer":
        cell = submissions.answer_cell(nb, case.exercise)
        cell.source = case.code + "\n" + cell.source
    elif case.change == "first-cell":
        nb.cells.insert(0, nbformat.v4.new_code_cell(case.code))
    elif case.change == "last-cell":
        nb.cells.append(nbformat.v4.new_code_cell(case.code))
    elif case.change == "stale-outputs":
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        for count, cell in zip(range(len(code_cells), 0, -1), code_cells):
            cell.execution_count = count * 3
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="an old run\n")]
        test_cell = next(c for c in code_cells if c.metadata.get("nbgrader", {}).get("grade")
                         and not c.metadata["nbgrader"].get("solution"))
        test_cell.outputs.append(nbformat.v4.new_output("error", ename="AssertionError", evalue="an old failure",
                                                        traceback=["AssertionError: an old failure"]))
    return nb
