"""The student's and the instructor's JupyterLab, driven in a real browser (headless Chromium).

A student view of one assignment (as ``make lab`` builds it) with the reference solution
filled in: Run All draws the plots, the ipywidgets explorer appears and redraws when a slider
moves, the visible tests print their "✔" lines, and nbgrader's Validate button reports
success. Then the formgrader of a course (``make formgrader``) lists the assignment and shows
an autograded submission for manual grading, rubric included.

Screenshots and the browser: tests/browser_helpers.py.
"""
import json
import re
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from conftest import REPO
from tests.browser_helpers import browser, menu, shot  # noqa: F401 (browser: a fixture)
from tools import lab
from tools.catalogue import submissions
from tools.common.courses import make_course, nbgrader
from tools.common.gradebook import scores

pytestmark = pytest.mark.xdist_group("browser")

AID = "02_gradient_descent"   # the quick assignment with an ipywidgets explorer
STUDENT = "browser-student"
# Waits: generous for a loaded 2-core machine, bounded so a hang fails the test.
RUN_ALL_S = 240
VALIDATE_S = 240
UI_S = 60


def _reference(root):
    release = submissions.read(root / "release" / AID / f"{AID}.ipynb")
    source = submissions.read(REPO / "source" / AID / f"{AID}.ipynb")
    return submissions.reference_submission(release, source)


def _graded_course(root):
    """A course root with the assignment released and one reference submission autograded."""
    make_course(root, [AID])
    nbgrader(root, "generate_assignment", AID, "--force")
    nbgrader(root, "db", "student", "add", STUDENT, "--first-name", "Browser", "--last-name", "Student")
    submissions.write_submission(root, STUDENT, AID, _reference(root))
    # Our own reference solution is trusted: graded without the sandbox, as the catalogue is.
    nbgrader(root, "autograde", AID, "--force", env={"COURSE_SANDBOX": "0"})
    return root


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    """Prepared in the background (nbgrader in subprocesses) while the student test runs."""
    with ThreadPoolExecutor(1) as pool:
        yield pool.submit(_graded_course, tmp_path_factory.mktemp("course"))


def _settings(folder):
    """JupyterLab user settings for the test: every cell in the DOM (no windowing), no news."""
    user = Path(folder) / "user-settings" / "@jupyterlab"
    for path, value in [("notebook-extension/tracker.jupyterlab-settings", {"windowingMode": "none"}),
                        ("apputils-extension/notification.jupyterlab-settings",
                         {"fetchNews": "false", "checkForUpdates": False})]:
        (user / path).parent.mkdir(parents=True, exist_ok=True)
        (user / path).write_text(json.dumps(value))
    return folder


def _wait_kernel_idle(page, timeout_s):
    page.wait_for_selector(".jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status='idle']",
                           timeout=timeout_s * 1000)


def _wait_kernel_ready(page, server, path, timeout_s):
    """Until the notebook's kernel runs and is idle. JupyterLab asks which kernel to start when
    it opens a notebook before it has read the kernel specs: the student would press Select."""
    deadline = time.time() + timeout_s
    while True:
        choose = page.locator(".jp-Dialog", has_text="Select Kernel")
        if choose.count():
            choose.locator("button", has_text="Select").first.click()
        with urllib.request.urlopen(server.url("api/sessions"), timeout=10) as answer:
            states = [s["kernel"]["execution_state"] for s in json.load(answer)
                      if s.get("path") == path and s.get("kernel")]
        if states == ["idle"]:
            _wait_kernel_idle(page, timeout_s)
            return
        if time.time() > deadline:
            raise AssertionError(f"no idle kernel for {path} after {timeout_s} s (sessions: {states})")
        time.sleep(1)


def _wait_run_all(page, timeout_s):
    """Until every code cell shows an execution count and the kernel is idle."""
    started = time.time()
    deadline = started + timeout_s
    while True:
        prompts = page.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
        status = page.locator(".jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator").first.get_attribute("data-status")
        if prompts and all(re.search(r"\[\d+\]", p) for p in prompts) and status == "idle":
            return
        if all(p.strip() == "[ ]:" for p in prompts) and time.time() > started + 30:
            raise AssertionError(f"Run All did not start: kernel {status}, prompts {prompts}")
        if time.time() > deadline:
            raise AssertionError(f"Run All did not finish in {timeout_s} s: kernel {status}, prompts {prompts}")
        time.sleep(1)


def test_student_runs_notebook_widgets_and_validates(tmp_path, browser, graded_course):
    root = lab.student_view(tmp_path / "student-view", [AID])
    notebook = root / AID / f"{AID}.ipynb"
    nbformat.write(_reference(REPO), notebook)   # a student who solved every exercise
    with lab.start(root, tmp_path / "lab.log", settings_dir=_settings(tmp_path / "settings"),
                   env={"COURSE_SYNTHETIC_DATA": "1"}, student=True) as server:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            page.goto(server.url(f"lab/tree/{AID}/{AID}.ipynb"), timeout=UI_S * 1000)
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=UI_S * 1000)
            _wait_kernel_ready(page, server, f"{AID}/{AID}.ipynb", UI_S)
            # A student's view: no instructor tools, no course list erroring without an exchange.
            menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
            assert "Nbgrader" not in menus, menus
            assert page.locator("text=Create Assignment").count() == 0
            assert page.locator("text=Error fetching courses").count() == 0
            assert page.locator(".validate-button").count() >= 1

            started = time.time()
            menu(page, "Run", "Run All Cells")
            _wait_run_all(page, RUN_ALL_S)
            run_all_s = time.time() - started

            errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            tracebacks = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
            assert not tracebacks, tracebacks[:2]
            passed = page.locator(".jp-OutputArea-output", has_text="✔")
            assert passed.count() >= 4, f"{passed.count()} visible tests printed ✔"
            assert page.locator(".jp-OutputArea-output", has_text="✔ gd_step takes the first step").count() == 1
            assert page.locator(".jp-RenderedImage img").count() >= 3, "matplotlib figures did not render"

            # The learning-rate explorer (ipywidgets interact): two sliders above a figure.
            slider = page.locator(".jupyter-widgets.widget-slider", has_text="epochs").first
            slider.wait_for(timeout=UI_S * 1000)
            explorer = slider.locator("xpath=ancestor::div[contains(@class,'jp-OutputArea-output')][1]")
            figure = explorer.locator("img").first
            figure.wait_for(timeout=UI_S * 1000)
            before = figure.get_attribute("src")
            readout = slider.locator(".widget-readout")
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type("120")
            page.keyboard.press("Enter")
            page.wait_for_function("([el, old]) => { const img = el.querySelector('img'); return img && img.src !== old; }",
                                   arg=[explorer.element_handle(), before], timeout=UI_S * 1000)
            assert readout.inner_text().strip() == "120"
            explorer.scroll_into_view_if_needed()
            shot(page, "student-view")

            page.locator(".validate-button").first.click()
            dialog = page.locator(".jp-Dialog #validation-message")
            dialog.wait_for(timeout=VALIDATE_S * 1000)
            shot(page, "student-validate")
            message = dialog.inner_text()
            assert "validation-success" in dialog.get_attribute("class"), message
            assert "Success! Your notebook passes all the tests." in message
            page.locator(".jp-Dialog button", has_text="Ok").first.click()
        except Exception:
            shot(page, "student-failure", docs=False)
            raise
        finally:
            page.close()
    print(f"Run All took {run_all_s:.0f} s")


def test_formgrader_lists_assignment_and_shows_rubric(tmp_path, browser, graded_course):
    root = graded_course.result(timeout=600)
    graded = scores(root)[(STUDENT, AID)]
    # Autograded, written answers waiting for the instructor (scores are test_assignments' job).
    assert graded["cells"] and graded["written"] and graded["needs_manual_grade"], graded
    with lab.start(root, tmp_path / "formgrader.log", settings_dir=_settings(tmp_path / "settings")) as server:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        try:
            page.goto(server.url("formgrader"), timeout=UI_S * 1000)
            row = page.locator("tr", has_text=AID).first
            row.wait_for(timeout=UI_S * 1000)
            cells = row.locator("td").all_inner_texts()
            assert cells[0].strip() == AID and "1" in [c.strip() for c in cells], cells   # one submission
            shot(page, "formgrader")

            page.goto(server.url(f"formgrader/gradebook/{AID}/{AID}"), timeout=UI_S * 1000)
            link = page.locator("a", has_text=f"Submission #1").first
            link.wait_for(timeout=UI_S * 1000)
            link.click()
            rubric = page.get_by_text("Rubric (2 points):").first
            rubric.wait_for(timeout=UI_S * 1000)
            # The written question, its rubric and the grading box under the fixed navigation bar.
            page.get_by_role("heading", name="Question 3.2").first.evaluate(
                "el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -70); }")
            assert page.locator("input[type=number], .score").count() > 0, "no score fields on the grading page"
            shot(page, "formgrader-grading")
        except Exception:
            shot(page, "formgrader-failure", docs=False)
            raise
        finally:
            page.close()
