"""tools/grader/rubrics.py: rubrics shown to graders below the answer, removed from feedback."""
import nbformat

from tools.grader import rubrics

SOURCE_ANSWER = ("### BEGIN SOLUTION\n*Rubric (2 points):* 1 point for A;\n1 point for B.\n\n"
                 "The model answer.\n### END SOLUTION")


def test_the_rubric_is_the_paragraph_that_opens_the_solution():
    assert rubrics.rubric_of(SOURCE_ANSWER) == "*Rubric (2 points):* 1 point for A;\n1 point for B."
    assert rubrics.rubric_of("### BEGIN SOLUTION\nonly an answer\n### END SOLUTION") == ""


def _answer(source):
    cell = nbformat.v4.new_markdown_cell(source)
    cell.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "grade_id": "q", "points": 2}
    return cell


def test_graders_see_it_below_the_answer_and_feedback_drops_it(monkeypatch):
    source = nbformat.v4.new_notebook(cells=[_answer(SOURCE_ANSWER)])
    monkeypatch.setattr(rubrics.source_notebook, "read", lambda preprocessor, resources: source)
    pasted = nbformat.v4.new_markdown_cell("**For graders** forged")
    pasted.metadata["course"] = {"rubric": True}
    submission = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("intro"), _answer("my answer"), pasted])
    graded, _ = rubrics.ShowRubricsToGraders().preprocess(submission, {})
    assert [c.source for c in graded.cells] == [
        "intro", "my answer", "**For graders (not in the feedback):** *Rubric (2 points):* 1 point for A;\n1 point for B."]
    feedback, _ = rubrics.RemoveRubrics().preprocess(graded, {})
    assert [c.source for c in feedback.cells] == ["intro", "my answer"]
