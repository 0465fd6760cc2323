"""The course's late-penalty rule, as nbgrader's late-submission plug-in.

nbgrader records when each submission was made (``timestamp.txt``, written by ``nbgrader
submit``) and, at autograde, ``AssignLatePenalties`` asks ``c.AssignLatePenalties.plugin_class``
for the penalty of a submission made after the assignment's due date (with the student's
extension, if any). The rule here: each started day late costs ``percent_per_day`` % of the
notebook's points (default 10 %: 1 second late costs 10 %, 1 day and 1 second 20 %), never more
than the score, so a grade never drops below zero; a submission within ``grace_minutes`` of the
due date (default 0) costs nothing. Both are set in nbgrader_config.py.

A share of the points available, not of the score: the penalty is fixed at autograde, before the
written answers are graded by hand, and a share of the score then would leave those points
unpenalised. nbgrader subtracts the penalty in the feedback and in ``nbgrader export``; the
formgrader's own tables show the score before it.
"""
import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

DAY = 24 * 3600


def penalty(score, max_score, seconds_late, percent_per_day=10.0, grace_minutes=0.0):
    """``(points, started_days)``: what a submission ``seconds_late`` after its due date loses."""
    if seconds_late <= grace_minutes * 60:
        return 0.0, 0
    days = math.ceil(seconds_late / DAY)
    return min(score, max_score * min(1.0, days * percent_per_day / 100)), days


def how_late(seconds):
    """``seconds`` in words, e.g. "1 day 3 h 5 min 1 s" (whole seconds, parts that are 0 left out)."""
    seconds = int(seconds)
    parts = [(seconds // DAY, " day"), (seconds % DAY // 3600, " h"), (seconds % 3600 // 60, " min"),
             (seconds % 60, " s")]
    words = [f"{n}{unit}{'s' if unit == ' day' and n > 1 else ''}" for n, unit in parts if n]
    return " ".join(words) or "less than 1 s"


class PercentPerStartedDay(LateSubmissionPlugin):
    """The rule above, for ``c.AssignLatePenalties.plugin_class``."""

    percent_per_day = Float(10.0, min=0.0, max=100.0,
                            help="Share of the notebook's points each started day late costs, in %.").tag(config=True)
    grace_minutes = Float(0.0, min=0.0,
                          help="A submission this many minutes late, or less, costs nothing.").tag(config=True)

    def max_score(self, student_id):
        """The notebook's points: ``AssignLatePenalties`` (the parent) holds the gradebook open."""
        grader = self.parent
        return grader.gradebook.find_submission_notebook(grader.notebook_id, grader.assignment_id,
                                                         student_id).max_score

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        max_score = self.max_score(student_id)
        points, days = penalty(score, max_score, total_seconds_late, self.percent_per_day, self.grace_minutes)
        if days:
            self.log.warning("%s submitted %s late: %d started day(s) x %g %% of %g points, at most the "
                             "score %g: penalty %g", student_id, how_late(total_seconds_late), days,
                             self.percent_per_day, max_score, score, points)
        else:
            self.log.info("%s submitted %s late, within the grace period of %g min: no penalty",
                          student_id, how_late(total_seconds_late), self.grace_minutes)
        return points
