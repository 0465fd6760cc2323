"""Tampering (autograde, after execution): code that reaches into grading, found outside the
kernel, and nbgrader's own *flagged* mark for it in the gradebook."""
from nbgrader.preprocessors import NbGraderPreprocessor

from tools.grader import source_notebook, tamper_scan


class FlagTampering(NbGraderPreprocessor):
    """After execution: the static scan of the student's cells (``tools.grader.tamper_scan``),
    outside the kernel. Its findings are written into the autograded notebook's metadata
    (``course.tampering``) and ``FlagInGradebook`` marks the submission as flagged, for the
    instructor to look at. They change no score: the scores are computed outside the kernel
    (``verdict.py``), where no student code can reach."""

    def preprocess(self, nb, resources):
        findings = tamper_scan.scan_notebook(nb, _instructor_code(self, resources))
        reasons = [f"static scan: {f}" for f in findings]
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
