"""Tampering (autograde, after execution): the reasons to distrust a submission, collected
outside the kernel, and nbgrader's own *flagged* mark for them in the gradebook."""
from nbgrader.preprocessors import NbGraderPreprocessor

from tools.grader import source_notebook, tamper_scan
from tools.grader.cells import error_output, test_cells
from tools.hidden_tests import suite_for


class FlagTampering(NbGraderPreprocessor):
    """After execution: collect the reasons to distrust the submission, outside the kernel.

    - the static scan of the student's cells (``tools.grader.tamper_scan``): any finding
      scores every test cell 0 with the finding as its message;
    - ``TamperDetected`` raised in the kernel by the guard.

    The reasons are written into the autograded notebook's metadata (``course.tampering``)
    and ``FlagInGradebook`` marks the submission as flagged in the gradebook.

    Where the scores are computed outside the kernel (``verdict.py``), a finding only flags
    the submission for the instructor: no code in the kernel can change a score there."""

    def preprocess(self, nb, resources):
        findings = tamper_scan.scan_notebook(nb, _instructor_code(self, resources))
        reasons = [f"static scan: {f}" for f in findings]
        outside = suite_for(resources["nbgrader"]["assignment"]) is not None
        if findings and not outside:
            message = ("the submission contains code that tampers with grading ("
                       + "; ".join(str(f) for f in findings[:3]) + "); flagged for the instructor.")
            for cell in test_cells(nb):
                cell.outputs.append(error_output("TamperDetected", message))
        for cell in test_cells(nb):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" and output.get("ename") == "TamperDetected" \
                        and not findings:
                    reasons.append(f"in the kernel ({cell.metadata['nbgrader']['grade_id']}): {output.get('evalue')}")
        nb.metadata.setdefault("course", {})["tampering"] = reasons
        resources["course_tampering"] = reasons
        return nb, resources


def _instructor_code(preprocessor, resources):
    """Code cells of the source notebook (never the submission's)."""
    source = source_notebook.read(preprocessor, resources)
    return [c.source for c in source.cells if c.cell_type == "code"] if source is not None else []


class FlagInGradebook(NbGraderPreprocessor):
    """Marks a submission with tampering reasons as flagged (nbgrader's own flag, shown by the
    formgrader); a clean regrade clears the flag again."""

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook
        info = resources["nbgrader"]
        flagged = bool(resources.get("course_tampering"))
        with Gradebook(info["db_url"]) as gb:
            notebook = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            notebook.flagged = flagged
            gb.db.commit()
        return nb, resources
