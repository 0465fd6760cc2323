"""Rubrics of the written questions: graders see them, students never do.

A rubric is written in the source notebook at the top of its manual answer cell's solution
region (``*Rubric (3 points):* ...``), so the release replaces it with "YOUR ANSWER HERE"
along with the model answer. ``ShowRubricsToGraders`` (autograde) puts each rubric below the
student's answer in the autograded notebook, which the formgrader shows; ``RemoveRubrics``
(generate_feedback) takes it out again, so feedback never carries it."""
import re

import nbformat
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from tools.grader import source_notebook

_RUBRIC = re.compile(r"^\*Rubric.*?(?=\n\s*\n|\n### END SOLUTION|\Z)", re.S | re.M)


def rubric_of(cell_source):
    """The rubric paragraph(s) of a source answer cell, or ''."""
    return "\n\n".join(match.group(0).strip() for match in _RUBRIC.finditer(cell_source))


def _is_rubric_cell(cell):
    return cell.metadata.get("course", {}).get("rubric", False)


class ShowRubricsToGraders(NbGraderPreprocessor):

    def preprocess(self, nb, resources):
        source = source_notebook.read(self, resources)
        if source is None:
            return nb, resources
        rubrics = {c.metadata["nbgrader"]["grade_id"]: rubric_of(c.source) for c in source.cells
                   if c.cell_type == "markdown" and utils.is_grade(c) and utils.is_solution(c)}
        cells = []
        for cell in nb.cells:
            if _is_rubric_cell(cell):
                continue                        # one the student pasted in, or an earlier grading's
            cells.append(cell)
            rubric = rubrics.get(cell.metadata.get("nbgrader", {}).get("grade_id"), "")
            if rubric and cell.cell_type == "markdown":
                note = nbformat.v4.new_markdown_cell(f"**For graders (not in the feedback):** {rubric}")
                note.metadata["course"] = {"rubric": True}
                cells.append(note)
        nb.cells = cells
        return nb, resources


class RemoveRubrics(NbGraderPreprocessor):

    def preprocess(self, nb, resources):
        nb.cells = [cell for cell in nb.cells if not _is_rubric_cell(cell)]
        return nb, resources
