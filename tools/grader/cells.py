"""Cells and outputs of a notebook as the preprocessors see them (no kernel, no I/O)."""
import re

import nbformat
from nbgrader import utils

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def setup_cell(nb):
    """The instructor's set-up cell: the first locked code cell that is neither answer nor test
    (nbgrader restores its code at autograde); else the first code cell. A student's own cell
    above it (autoreload, a note) is not the set-up."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    locked = (c for c in code if c.metadata.get("nbgrader", {}).get("locked")
              and not utils.is_grade(c) and not utils.is_solution(c))
    return next(locked, code[0] if code else None)


def test_cells(nb):
    """The autograder-test cells: graded code cells that are not answers."""
    return [c for c in nb.cells if c.cell_type == "code" and utils.is_grade(c) and not utils.is_solution(c)]


def error_output(ename, evalue):
    """An error output whose whole traceback is its one line."""
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def error_line(output):
    """An error output as one plain line: the exception and its message, colours removed."""
    return _ANSI.sub("", f"{output.get('ename', 'Error')}: {output.get('evalue', '')}")
