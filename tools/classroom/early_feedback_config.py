"""nbgrader's configuration in the feedback-on-submit service's own course root
(``early_feedback.py`` appends a call to ``configure_early_feedback`` to its copy of the course's
``nbgrader_config.py``). Runs inside nbgrader; the policy comes from ``COURSE_EARLY_FEEDBACK``,
the submission's time from ``COURSE_EARLY_TIMESTAMP``."""
import os

from nbgrader.preprocessors import NbGraderPreprocessor
from nbformat.v4 import new_markdown_cell

BANNERS = {
    "full": ("**Early feedback** on your submission of {timestamp}: every check, as the final grading "
             "runs them. The grade that counts is given after the deadline, on your last submission."),
    "visible": ("**Early feedback** on your submission of {timestamp}: *the visible checks only* (those "
                "Validate runs) and the score they give. The hidden tests run after the deadline, on your "
                "last submission: passing these checks does not mean full marks."),
}


class EarlyFeedbackBanner(NbGraderPreprocessor):
    """A first cell saying what this early feedback is, and is not."""

    policy = "full"

    def preprocess(self, nb, resources):
        timestamp = os.environ.get("COURSE_EARLY_TIMESTAMP", "").strip() or "just now"
        nb.cells.insert(0, new_markdown_cell(BANNERS[self.policy].format(timestamp=timestamp)))
        return nb, resources


def configure_early_feedback(c):
    policy = os.environ.get("COURSE_EARLY_FEEDBACK")
    if policy not in BANNERS:
        return
    if policy == "visible":
        # The hidden tests are neither started nor run: each test cell scores as its visible checks ran.
        from tools.grader.verdict import ComputeVerdicts, StartWorker
        c.Autograde.autograde_preprocessors = [step for step in c.Autograde.autograde_preprocessors
                                               if step not in (StartWorker, ComputeVerdicts)]
    EarlyFeedbackBanner.policy = policy
    c.GenerateFeedback.preprocessors = [EarlyFeedbackBanner, *c.GenerateFeedback.preprocessors]
