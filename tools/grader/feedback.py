"""The feedback page (generate_feedback), rendered with the course's copy of nbgrader's
template (``templates/feedback``):

- ``HideHiddenTests``: feedback is rendered from the autograded notebook, and tracebacks quote
  the lines that failed. This removes any hidden region from test cells and reduces each test
  cell's traceback to its last line (the exception and its message), so no hidden-test source
  reaches the HTML;
- ``GetGradesAndPending``: nbgrader's GetGrades, with one gradebook query per cell that also marks the cells a grader has still to
  grade by hand (``metadata.course_pending``), which nbgrader shows as scoring 0, and how late
  the submission was (``course_late``), which nbgrader's page does not say beside its penalty;
- ``LabelGradedCells``: names each graded cell for the page's contents and headings by the
  section it answers ("Exercise 2.1: `sigmoid` · test_sigmoid"), not "Test cell".
"""
import os
import re

import nbgrader
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import GetGrades, NbGraderPreprocessor
from nbgrader.preprocessors.clearhiddentests import ClearHiddenTests

from tools.grader.cells import error_line
from tools.grader.late_penalty import how_late

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
NBGRADER_TEMPLATES = os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates")


class HideHiddenTests(NbGraderPreprocessor):

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or not utils.is_grade(cell):
            return cell, resources
        remover = ClearHiddenTests(enforce_metadata=False)
        remover._remove_hidden_test_region(cell)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [error_line(output)]
        return cell, resources


class LabelGradedCells(NbGraderPreprocessor):
    """``metadata.course_label`` of each graded cell: the last heading above it and its id."""

    def preprocess(self, nb, resources):
        heading = None
        for cell in nb.cells:
            nbgrader = cell.metadata.get("nbgrader", {})
            if nbgrader.get("grade") or nbgrader.get("solution"):
                grade_id = nbgrader.get("grade_id", "")
                cell.metadata["course_label"] = f"{heading} \u00b7 {grade_id}" if heading else grade_id
            if cell.cell_type == "markdown":
                found = re.findall(r"^#{1,4}\s+(.+?)\s*$", cell.source, flags=re.M)
                heading = found[-1] if found else heading
        return nb, resources


class GetGradesAndPending(GetGrades):
    """nbgrader's ``_get_score`` with one gradebook query per cell: the grade it reads also
    says whether a grader has still to grade the cell by hand; and how late the submission was."""

    def preprocess(self, nb, resources):
        nb, resources = super().preprocess(nb, resources)
        with Gradebook(self.db_url) as gradebook:
            late = gradebook.find_submission(self.assignment_id, self.student_id).total_seconds_late
        resources["nbgrader"]["course_late"] = how_late(late) if late > 0 else ""
        return nb, resources

    def _get_score(self, cell, resources):
        grade = self.gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"], self.notebook_id,
                                          self.assignment_id, self.student_id)
        cell.metadata.nbgrader["score"] = grade.score
        cell.metadata.nbgrader["points"] = grade.max_score
        cell.metadata["course_pending"] = bool(grade.needs_manual_grade)
