"""The attack and fault catalogue (``catalogue/attacks/<case>.py``), graded by real nbgrader.

Each case is a hostile or broken submission of ``01_autograd``, built from the reference
solution. Its header says what it is measured against and what should stop it:

    # exercise: mse_grads              answer cell whose code the case replaces
    # base: mse_grads_sign_flipped     the honest submission it must not beat: a wrong case of
    #                                  catalogue/01_autograd/, or "reference"
    # fault: rename                    optional: a change to the notebook file itself
    #                                  (invalid-json, strip-metadata, rename,
    #                                  delete-test-cell, edit-test-cell), or to the
    #                                  folder (symlink-to-source: the notebook is a link
    #                                  to the instructor's source notebook; extra-module:
    #                                  a file named like torch's compiled module beside it),
    #                                  or cell-above-setup (the code is a new first cell,
    #                                  the answers are the base's)
    # stopped by: sandbox              what defeats it (reported, not interpreted)
    # flagged: yes                     whether the grader must flag the submission
    # why: ...
    <code of the answer cell>          (empty: keep the reference's)

``grade_attacks`` builds one class (reference, the bases, one student per case) in a fresh
course folder, autogrades it with the production configuration (sandbox on) through
``tools.autograde`` and returns what the tests assert on.
"""
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from tools.autograde import autograde_class
from tools.catalogue import honest, submissions
from tools.common.courses import scratch_course
from tools.common.gradebook import scores
from tools.common.paths import CATALOGUE

ASSIGNMENT = "01_autograd"
FOLDER = CATALOGUE / "attacks"
HEADERS = {"exercise", "base", "fault", "stopped by", "flagged", "why"}
FAULTS = {"invalid-json", "strip-metadata", "rename", "delete-test-cell", "edit-test-cell", "symlink-to-source",
          "extra-module", "cell-above-setup"}
REFUSED = {"invalid-json", "symlink-to-source"}      # listed as failed, with the reason, not graded


@dataclass
class Attack:
    name: str
    exercise: str
    base: str
    code: str
    why: str = ""
    stopped_by: str = ""
    flagged: bool = False
    fault: str = ""

    @property
    def student(self):
        return f"attack-{self.name}"

    @property
    def refused(self):
        return self.fault in REFUSED


def parse(path):
    header, code = submissions.read_case_file(path, HEADERS)
    submissions.require(header, path, "exercise", "base", "stopped by", "flagged")
    if header.get("fault") and header["fault"] not in FAULTS:
        raise ValueError(f"{path}: unknown fault '{header['fault']}'")
    return Attack(name=Path(path).stem, exercise=header["exercise"], base=header["base"], code=code,
                  why=header.get("why", ""), stopped_by=header["stopped by"], flagged=header["flagged"] == "yes",
                  fault=header.get("fault", ""))


def load():
    return [parse(p) for p in sorted(FOLDER.glob("*.py"))]


def _test_cell_of(nb, exercise):
    """The test cell that follows the answer cell ``exercise``."""
    cells = nb.cells
    start = next(i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("grade_id") == exercise)
    return next(c for c in cells[start + 1:]
                if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution"))


def build(attack, reference):
    """The submission of one case: (file name, bytes)."""
    nb = nbformat.from_dict(reference)
    if attack.fault == "cell-above-setup":
        if attack.base != "reference":
            base = next(c for c in submissions.load_cases(ASSIGNMENT) if c.name == attack.base)
            nb = submissions.apply_case(nb, base)
        nb.cells.insert(0, nbformat.v4.new_code_cell(attack.code))
        return f"{ASSIGNMENT}.ipynb", nbformat.writes(nb).encode()
    if attack.code:
        nb = submissions.apply_case(nb, submissions.Case(ASSIGNMENT, attack.name, attack.exercise,
                                                         "wrong", attack.code))
    name = f"{ASSIGNMENT}.ipynb"
    if attack.fault == "invalid-json":
        return name, b'{"cells": [ this is not json'
    if attack.fault == "strip-metadata":
        for cell in nb.cells:
            cell.metadata = {}
    elif attack.fault == "rename":
        name = f"{ASSIGNMENT} (copy).ipynb"
    elif attack.fault == "delete-test-cell":
        nb.cells.remove(_test_cell_of(nb, attack.exercise))
    elif attack.fault == "edit-test-cell":
        _test_cell_of(nb, attack.exercise).source = "pass"
    return name, nbformat.writes(nb).encode()


# What torch's compiled module would be called beside the notebook: the kernel's folder comes
# first on sys.path, so a file of that name there would be imported instead of torch.
IMPOSTOR_MODULE = "torch.cpython-311-x86_64-linux-gnu.so"


def write(attack, root, reference):
    """Write one case's submission folder in the course ``root``."""
    folder = root / "submitted" / attack.student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    name, data = build(attack, reference)
    if attack.fault == "symlink-to-source":
        (folder / name).symlink_to(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
        return
    (folder / name).write_bytes(data)
    if attack.fault == "extra-module":
        (folder / IMPOSTOR_MODULE).write_bytes(b"\x7fELF not a real module")


def tree_digest(root, skip=()):
    """{relative path: sha1} of every file under ``root`` except the folders in ``skip``."""
    root, out = Path(root), {}
    skip = [Path(s).resolve() for s in skip]
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath).resolve()
        dirnames[:] = [d for d in dirnames if (here / d).resolve() not in skip]
        for f in filenames:
            path = here / f
            if path.resolve() in skip:
                continue
            try:
                out[str(path.relative_to(root.resolve()))] = hashlib.sha1(path.read_bytes()).hexdigest()
            except OSError:
                pass
    return out


@dataclass
class AttackRun:
    root: Path
    attacks: list
    outcomes: dict                       # student -> tools.autograde.Outcome
    scores: dict                         # (student, aid) -> tools.common.gradebook.scores entry
    flagged: dict = field(default_factory=dict)
    reasons: dict = field(default_factory=dict)


def grade_attacks(workdir, attacks=None, timeout=20, before_grading=None, honest_cases=None):
    """Build and autograde the class, with the honest but unusual submissions of
    ``tools.catalogue.honest`` in it; ``before_grading(root)`` runs once the submissions are
    written (the tests take their snapshot of the course folder there)."""
    attacks = load() if attacks is None else attacks
    honest_cases = honest.load() if honest_cases is None else honest_cases
    course = scratch_course(workdir, ASSIGNMENT)
    root, reference = course.root, course.reference
    wrong = {c.name: c for c in submissions.load_cases(ASSIGNMENT)}
    class_ = {"reference": reference}
    for base in {a.base for a in attacks if a.base != "reference"}:
        class_[f"base-{base}"] = submissions.apply_case(reference, wrong[base])
    for student, nb in class_.items():
        submissions.write_submission(root, student, ASSIGNMENT, nb)
    for attack in attacks:
        write(attack, root, reference)
    for case in honest_cases:
        submissions.write_submission(root, case.student, ASSIGNMENT, honest.build(case, reference, ASSIGNMENT))
    if before_grading is not None:
        before_grading(root)
    outcomes = autograde_class(root, ASSIGNMENT, show_progress=False,
                               extra_args=[f"--Execute.timeout={timeout}"])
    run = AttackRun(root, attacks, {o.student: o for o in outcomes}, scores(root))
    run.flagged = {student: result["flagged"] for (student, _), result in run.scores.items()}
    for student in [a.student for a in attacks] + [c.student for c in honest_cases]:
        path = root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        if path.exists():
            meta = json.loads(path.read_text()).get("metadata", {})
            run.reasons[student] = meta.get("course", {}).get("tampering", [])
    return run


def base_student(attack):
    return "reference" if attack.base == "reference" else f"base-{attack.base}"
