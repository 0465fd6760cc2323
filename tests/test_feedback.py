"""The feedback page (tools/grader/feedback.py, mathml.py): no hidden-test source, not even in a
traceback; one gradebook query per graded cell; mathematics that renders offline."""
import os
import re
from pathlib import Path

import nbformat
import pytest

from tools.grader.feedback import HideHiddenTests


def test_hidden_tests_and_tracebacks_are_removed():
    cell = nbformat.v4.new_code_cell("assert True\n### BEGIN HIDDEN TESTS\nsecret()\n### END HIDDEN TESTS")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "t", "points": 1}
    cell.outputs = [nbformat.v4.new_output("error", ename="CheckFailed", evalue="\x1b[31mexpected 1, got 2\x1b[0m",
                                           traceback=["Cell In[3], line 3", "----> 3 secret()", "CheckFailed: expected 1"])]
    HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert "secret" not in cell.source
    assert cell.outputs[0].traceback == ["CheckFailed: expected 1, got 2"]


def test_each_graded_cell_reads_its_grade_once():
    """One gradebook query per cell gives the score, the points and whether it awaits a grader."""
    from types import SimpleNamespace

    from tools.grader.feedback import GetGradesAndPending

    queries = []

    class Gradebook:
        def find_grade(self, *key):
            queries.append(key)
            return SimpleNamespace(score=0.0, max_score=3.0, needs_manual_grade=True)

    cell = nbformat.v4.new_markdown_cell("my answer")
    cell.metadata["nbgrader"] = {"grade": True, "solution": True, "grade_id": "q1", "points": 3}
    step = GetGradesAndPending()
    step.gradebook, step.notebook_id, step.assignment_id, step.student_id = Gradebook(), "nb", "a", "s"
    step._get_score(cell, {})
    assert queries == [("q1", "nb", "a", "s")]
    assert (cell.metadata.nbgrader["score"], cell.metadata.nbgrader["points"]) == (0.0, 3.0)
    assert cell.metadata["course_pending"] is True


CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")   # as in tests/test_browser.py


def _feedback_page(markdown):
    """The page generate_feedback writes for a notebook of one markdown cell, with the course's
    configuration (nbgrader_config.py) and nbgrader's own set-up of the exporter."""
    from nbgrader.converters import GenerateFeedback
    from traitlets.config.loader import PyFileConfigLoader

    from conftest import REPO
    app = GenerateFeedback(config=PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config())
    exporter = app.exporter_class(parent=app, config=app.config)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown)])
    html, _ = exporter.from_notebook_node(nb, resources={"nbgrader": {
        "notebook": "nb", "score": 1.0, "max_score": 2.0, "late_penalty": 0}})
    return html


def test_mathematics_needs_no_network(tmp_path):
    html = _feedback_page(r"The square $x^2$, the sum $$\sum_i a_i < 3$$, and $\left( x$ unreadable.")
    assert "mathjax" not in html.lower()
    assert re.findall(r"<(?:script|link|img)[^>]*(?:src|href)=[\"']?(?:https?:)?//", html) == []
    assert html.count("<math ") == 2 and html.count("$") == 2
    assert r"$\left( x$" in html                     # what cannot be read stays as written

    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: see tests/test_browser.py", pytrace=False)
    page_file = tmp_path / "feedback.html"
    page_file.write_text(html)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = browser.new_context(offline=True).new_page()
            page.goto(page_file.as_uri())
            drawn = page.evaluate("""() => {
                const math = document.querySelector("math");
                const [base, power] = math.querySelector("msup").children;
                return {mathml: math instanceof MathMLElement, width: math.getBoundingClientRect().width,
                        raised: power.getBoundingClientRect().bottom < base.getBoundingClientRect().bottom,
                        text: math.textContent};
            }""")
        finally:
            browser.close()
    assert drawn["mathml"] and drawn["width"] > 0 and drawn["text"] == "x2"
    assert drawn["raised"], "the exponent of $x^2$ is not drawn above its base"
