"""Build student submissions from the release: the reference solution, an untouched copy,
and the cases of the catalogue (``catalogue/<assignment>/<case>.py``).

A case file replaces one solution cell of the reference submission. Its header says which:

    # exercise: backward                 grade_id of the solution cell it replaces
    # kind: wrong                        or: alternative (a correct, different solution)
    # fails: test_backward               test cell(s) that must lose points (wrong cases)
    # why: the sigmoid derivative is missing
    # names: derivative a1*(1-a1)          (wrong cases) the mistake its feedback names: a phrase of
                                         the "Likely mistake: ..." its messages give; without it,
                                         no message of the case may name a likely mistake
    <the code of the replacement cell>
"""
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from tools.common.paths import CATALOGUE
from tools.grader import rubrics



@dataclass
class Case:
    assignment: str
    name: str
    exercise: str
    kind: str
    code: str
    why: str = ""
    fails: list = field(default_factory=list)
    names: str = ""


def read_case_file(path, keys):
    """``(header, code)`` of a catalogue file: its leading ``# key: value`` lines whose key is
    one of ``keys``, and the code after them."""
    header, body, in_header = {}, [], True
    for line in Path(path).read_text().splitlines():
        if in_header and line.startswith("# ") and ":" in line:
            key, value = line[2:].split(":", 1)
            if key.strip() in keys:
                header[key.strip()] = value.strip()
                continue
        in_header = False
        body.append(line)
    return header, "\n".join(body).strip("\n")


def require(header, path, *keys):
    for key in keys:
        if key not in header:
            raise ValueError(f"{path}: missing '# {key}:' header")


def parse_case(path, assignment):
    header, code = read_case_file(path, {"exercise", "kind", "fails", "why", "names"})
    require(header, path, "exercise", "kind")
    if header["kind"] not in ("wrong", "alternative"):
        raise ValueError(f"{path}: kind must be 'wrong' or 'alternative'")
    return Case(assignment=assignment, name=Path(path).stem, exercise=header["exercise"],
                kind=header["kind"], code=code, why=header.get("why", ""),
                fails=header.get("fails", "").split(), names=header.get("names", ""))


def load_cases(assignment):
    folder = CATALOGUE / assignment
    return [parse_case(p, assignment) for p in sorted(folder.glob("*.py"))] if folder.exists() else []


def _cells_by_id(nb):
    return {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id")}


def strip_solution_delimiters(text):
    return "\n".join(line for line in text.split("\n")
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def reference_submission(release_nb, source_nb):
    """The release notebook with every answer cell filled in from the source solution (a
    written answer without its rubric, which only graders see)."""
    nb = nbformat.from_dict(release_nb)
    solutions = _cells_by_id(source_nb)
    for grade_id, cell in _cells_by_id(nb).items():
        if cell.metadata["nbgrader"].get("solution"):
            source = solutions[grade_id].source
            rubric = rubrics.rubric_of(source)
            cell.source = strip_solution_delimiters(source.replace(rubric, "", 1) if rubric else source)
            if rubric:
                cell.source = cell.source.strip()
    return nb


def answer_cell(nb, exercise):
    """The answer cell (nbgrader solution cell) whose grade_id is ``exercise``."""
    cell = _cells_by_id(nb).get(exercise)
    if cell is None or not cell.metadata["nbgrader"].get("solution"):
        raise KeyError(f"no answer cell '{exercise}'")
    return cell


def test_cells_of(nb, exercise):
    """The grade ids of an exercise's test cells: the graded code cells after its answer cell,
    up to the next answer cell (the notebooks' layout: each answer followed by its tests)."""
    cells, inside = [], False
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("solution"):
            inside = meta.get("grade_id") == exercise
        elif inside and meta.get("grade"):
            cells.append(meta["grade_id"])
    return cells


def ungraded_answers(nb):
    """The grade ids of the answer cells no test cell follows: code the student writes for the
    notebook's own use (06 runs its experiments on the student's training loop of 03), which
    earns no points and which no graded cell depends on."""
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
            and not test_cells_of(nb, c.metadata["nbgrader"]["grade_id"])]


def apply_case(reference_nb, case):
    """The reference submission with the case's code in place of its exercise's answer cell."""
    nb = nbformat.from_dict(reference_nb)
    try:
        answer_cell(nb, case.exercise).source = case.code
    except KeyError as error:
        raise KeyError(f"{case.assignment}/{case.name}: {error.args[0]}") from None
    return nb


def write_submission(root, student, assignment, nb):
    folder = Path(root) / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{assignment}.ipynb")
    return folder


def read(path):
    return nbformat.read(str(path), as_version=4)
