"""Late submissions (tools/grader/late_penalty.py): the rule, its wiring in nbgrader_config.py, and
one real autograde of an on-time and a late submission against a due date in the gradebook."""
import csv
import datetime
from types import SimpleNamespace

import pytest

from tools.grader.late_penalty import DAY, PercentPerStartedDay, how_late, penalty

MAX = 20.0


@pytest.mark.parametrize("seconds_late, days, points", [
    (0, 0, 0.0),                       # on time
    (1, 1, 2.0),                       # 1 s late: one started day, 10 % of the points
    (DAY, 1, 2.0),
    (DAY + 1, 2, 4.0),                 # 1 day and 1 s: two started days
    (9 * DAY + 1, 10, 15.0),           # 100 % of the points, capped at the score
    (40 * DAY, 40, 15.0),              # very late: still never more than the score
])
def test_each_started_day_costs_ten_percent_of_the_points(seconds_late, days, points):
    assert penalty(15.0, MAX, seconds_late) == (points, days)


def test_the_grace_period_and_the_rate_are_settings():
    assert penalty(15.0, MAX, 5 * 60, grace_minutes=5) == (0.0, 0)
    assert penalty(15.0, MAX, 5 * 60 + 1, grace_minutes=5) == (2.0, 1)
    assert penalty(15.0, MAX, DAY + 1, percent_per_day=25) == (10.0, 2)
    assert penalty(0.0, MAX, DAY) == (0.0, 1)


def test_how_late_in_words():
    assert how_late(DAY + 1) == "1 day 1 s"
    assert how_late(2 * DAY + 3 * 3600 + 5 * 60 + 0.9) == "2 days 3 h 5 min"
    assert how_late(0.4) == "less than 1 s"


def test_nbgrader_config_selects_the_rule_and_it_logs_how_late_and_the_cost(caplog):
    from nbgrader.preprocessors import AssignLatePenalties
    from traitlets.config.loader import PyFileConfigLoader

    from conftest import REPO
    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config()
    step = AssignLatePenalties(config=config)
    step.init_plugin()
    assert isinstance(step.plugin_inst, PercentPerStartedDay)
    assert (step.plugin_inst.percent_per_day, step.plugin_inst.grace_minutes) == (10.0, 0.0)
    notebooks = {("nb", "a", "s"): SimpleNamespace(max_score=MAX)}
    step.gradebook = SimpleNamespace(find_submission_notebook=lambda *key: notebooks[key])
    step.notebook_id, step.assignment_id = "nb", "a"
    with caplog.at_level("WARNING"):
        assert step.plugin_inst.late_submission_penalty("s", 15.0, DAY + 1) == 4.0
    assert "s submitted 1 day 1 s late: 2 started day(s) x 10 % of 20 points" in caplog.text
    assert "at most the score 15: penalty 4" in caplog.text


@pytest.mark.parametrize("late_penalty, line", [
    (2.0, "Submitted 5 min after the due date: late submission penalty (Score: -2.0)"),
    (0.0, "Submitted 5 min after the due date: no late penalty"),          # within a grace period
])
def test_the_feedback_page_says_how_late_and_what_it_cost(late_penalty, line):
    import nbformat
    from nbgrader.converters import GenerateFeedback
    from traitlets.config.loader import PyFileConfigLoader

    from conftest import REPO
    app = GenerateFeedback(config=PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config())
    exporter = app.exporter_class(parent=app, config=app.config)
    html, _ = exporter.from_notebook_node(nbformat.v4.new_notebook(), resources={"nbgrader": {
        "notebook": "nb", "score": 8.0, "max_score": 10.0, "late_penalty": late_penalty,
        "course_late": how_late(300)}})
    assert line in html


DUE = datetime.datetime(2026, 1, 10, 12, 0, 0)


def _submit(course, student, submitted_at):
    """The reference submission, with the timestamp ``nbgrader submit`` would have written."""
    from tools.catalogue import submissions
    folder = submissions.write_submission(course.root, student, course.aid, course.reference)
    (folder / "timestamp.txt").write_text(submitted_at.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))


def test_a_late_submission_loses_the_penalty_in_gradebook_feedback_and_export(tmp_path):
    """One autograde of two reference submissions, an hour early and a day and a second late."""
    from tools.catalogue.grade import TRUSTED
    from tools.common.courses import nbgrader, scratch_course
    from tools.common.gradebook import scores

    course = scratch_course(tmp_path / "course", "01_autograd")
    aid = course.aid
    nbgrader(course.root, "db", "assignment", "add", aid, f"--duedate={DUE:%Y-%m-%d %H:%M:%S} UTC")
    _submit(course, "ontime", DUE - datetime.timedelta(hours=1))
    _submit(course, "late", DUE + datetime.timedelta(days=1, seconds=1))
    nbgrader(course.root, "autograde", aid, "--force", env=TRUSTED)
    nbgrader(course.root, "generate_feedback", aid, "--force")
    nbgrader(course.root, "export", "--to=grades.csv")

    graded = scores(course.root)
    ontime, late = graded[("ontime", aid)], graded[("late", aid)]
    assert ontime["code_score"] == ontime["max_code_score"] > 0          # the reference: full marks
    assert ontime["late_penalty"] == 0 and ontime["score"] == ontime["code_score"]
    assert late["code_score"] == ontime["code_score"]
    expected, days = penalty(late["code_score"], late["max_score"], DAY + 1)
    assert days == 2 and expected > 0
    assert late["late_penalty"] == pytest.approx(expected)
    assert late["score"] == pytest.approx(ontime["score"] - expected)

    # nbgrader's own: the formgrader's submission list (its API's get_submissions) before the penalty
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course.root / 'gradebook.db'}") as gradebook:
        listed = {row["student"]: row["score"] for row in gradebook.submission_dicts(aid)}
    assert listed["late"] == pytest.approx(late["code_score"])

    exported = {row["student_id"]: row for row in csv.DictReader(open(course.root / "grades.csv"))}
    assert float(exported["late"]["score"]) == pytest.approx(late["score"])
    assert float(exported["ontime"]["score"]) == pytest.approx(ontime["score"])

    def page(student):
        return (course.root / "feedback" / student / aid / f"{aid}.html").read_text()
    late_page = page("late")
    assert (f"Submitted 1 day 1 s after the due date: late submission penalty "
            f"(Score: -{round(expected, 2)})") in late_page
    assert f"(Score: {round(late['score'], 2)} / {round(late['max_score'], 2)}" in late_page
    assert "after the due date" not in page("ontime")
