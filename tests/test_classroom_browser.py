"""`make classroom` end to end in a real browser (headless Chromium), through the pages people use.

A class is started with the real command (tests/classroom_helpers.py: two students, a throwaway
course root with 01_autograd under a path with a space, stopped with ``stop --purge``). Then:

1. the instructor logs in on the hub's form and, in the formgrader's *Manage Assignments*,
   generates and releases 01_autograd;
2. two students log in (one browser context each), open *Nbgrader -> Assignment List*, fetch the
   assignment; one's notebook gets the reference answers, the other's one mistake of the catalogue
   (written into their server through the Jupyter contents API with their own session's cookies);
   each opens the notebook, presses *Validate* (success; failing visible tests naming the
   mistake), and submits from the Assignments tab;
3. feedback on submit (``start --feedback-on-submit 01_autograd --early-feedback full``, the
   service of tools/classroom/early_feedback.py): within EARLY_FEEDBACK_S of submitting, each
   student fetches feedback in the Assignments tab and opens it: the score of the checks, the
   written answers not graded yet, the mistake's message (run only where that service exists);
4. the instructor collects, autogrades each submission, gives the written answers full credit by
   hand on the formgrader's grading page, generates and releases feedback;
5. each student fetches the feedback in the Assignments tab and opens it: their score (read from
   the notebook's points and the catalogue case, not written here), the mistake's message on its
   test cell, and nothing of the other student's.

Each step prints its wall time; a step that hangs fails within its bound with a screenshot
(tests/artifacts/classroom-failure-*.png) and the classroom log's tail. Screenshots of each role:
tests/browser_helpers.py (COURSE_UPDATE_SCREENSHOTS=1 copies them to docs/screenshots/).
"""
import json
import re
import time
from contextlib import contextmanager

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser_helpers import browser, shot  # noqa: F401 (browser: a fixture)
from tests.classroom_helpers import running_class
from tools.catalogue import submissions
from tools.classroom import layout
from tools.common.paths import REPO

AID = "01_autograd"
MISTAKE = "sigmoid_sign"        # fails a visible check (Validate reports it) and loses one exercise's points
FORMGRADER = f"services/{layout.COURSE_ID}/formgrader"
# Feedback on submit (branch early-feedback): step 3 runs where its service is; the test says so.
EARLY_FEEDBACK = (REPO / "tools" / "classroom" / "early_feedback.py").exists()
pytestmark = pytest.mark.xdist_group("classroom")      # never beside test_classroom.py's class

# Waits: generous for a loaded 2-core machine, bounded so a hang fails the test.
UI_S = 60               # a page, a panel, a button's answer
SPAWN_S = 240           # a student's server started in its sandbox
VALIDATE_S = 300        # nbgrader validate of the whole notebook in the student's server
AUTOGRADE_S = 480       # one submission autograded in the grading sandbox (about a minute unloaded)
EARLY_FEEDBACK_S = 180  # the service grades a submission and releases its feedback


@pytest.fixture(scope="module")
def classroom():
    options = ["--feedback-on-submit", AID, "--early-feedback", "full"] if EARLY_FEEDBACK else []
    with running_class([AID], "b", *options) as (run, passwords):
        yield run, passwords


class Steps:
    """Times each step; a failing step fails with a screenshot of each open page and the log's tail."""

    def __init__(self, run):
        self.run, self.pages, self.times = run, {}, []

    @contextmanager
    def step(self, name):
        started = time.time()
        try:
            yield
        except Exception as error:
            shots = [str(shot(page, f"classroom-failure-{who}", docs=False)) for who, page in self.pages.items()
                     if not page.is_closed()]
            log = self.run.log.read_text(errors="replace")[-3000:] if self.run.log.exists() else "(no log)"
            raise AssertionError(f"step '{name}' failed after {time.time() - started:.0f} s: {error}\n"
                                 f"screenshots: {shots}\nclassroom log (tail):\n{log}") from error
        self.times.append((name, time.time() - started))
        print(f"{name}: {self.times[-1][1]:.0f} s", flush=True)


def _login(chromium, url, user, password):
    """A browser context of its own, logged in through the hub's login form."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    # Offline, as the course is: the formgrader's grading page asks a CDN for MathJax, and its
    # buttons work only once that request ends (its script starts on the window's load).
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page = context.new_page()
    page.goto(url + "hub/login", timeout=UI_S * 1000)
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_url(re.compile(r".*/(spawn-pending|user)/.*"), timeout=UI_S * 1000)
    return page


def _success_modal(page, timeout_s):
    """The formgrader's answer to a button: its success dialog, closed with OK; its error, raised."""
    modal = page.locator(".modal.in")
    modal.wait_for(timeout=timeout_s * 1000)
    text = modal.inner_text()
    assert modal.get_attribute("id") == "success-modal", text[-2000:]
    modal.locator("button", has_text="OK").click()
    modal.wait_for(state="hidden", timeout=UI_S * 1000)
    return text


def _assignment_row(page, url):
    page.goto(url + f"{FORMGRADER}/manage_assignments", timeout=UI_S * 1000)
    row = page.locator("#main-table tr", has_text=AID)
    row.wait_for(timeout=UI_S * 1000)
    return row


def _formgrader_button(page, url, column, timeout_s=UI_S):
    """Press the button in column ``column`` of the assignment's row of Manage Assignments."""
    _assignment_row(page, url).locator(f"td.{column} a").click()
    return _success_modal(page, timeout_s)


def _open_assignment_list(page):
    """Nbgrader -> Assignment List (the student's only way to it), or its tab when open."""
    tab = page.locator(".lm-TabBar-tab", has_text="Assignments")
    if tab.count():
        tab.first.click()
    else:
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    panel = page.locator("#nbgrader-assignment-list")
    panel.wait_for(timeout=UI_S * 1000)
    return panel


def _contents_api(page, user, path, notebook=None):
    """The student's notebook at ``path`` read, or written, with their own session (cookie and
    the xsrf token Jupyter asks of a browser)."""
    url = page.url.split("/user/")[0] + f"/user/{user}/api/contents/{path}"
    if notebook is None:
        answer = page.request.get(url)
        assert answer.ok, f"{answer.status} {answer.text()[:300]}"
        return nbformat.from_dict(answer.json()["content"])
    xsrf = next(c["value"] for c in page.context.cookies() if c["name"] == "_xsrf" and c["path"] == f"/user/{user}/")
    answer = page.request.put(url, data=json.dumps({"type": "notebook", "format": "json", "content": notebook}),
                              headers={"X-XSRFToken": xsrf, "Content-Type": "application/json"})
    assert answer.ok, f"{answer.status} {answer.text()[:300]}"


def _points(notebook):
    """{grade_id: points} of the notebook's graded cells."""
    return {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"] for c in notebook.cells
            if c.metadata.get("nbgrader", {}).get("grade")}


def _written(notebook):
    return [c.metadata["nbgrader"]["grade_id"] for c in notebook.cells
            if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]


def _answers(release, user, case):
    """The reference answers, or ``case``'s mistake, signed with ``user``'s name in a comment."""
    notebook = submissions.reference_submission(release, submissions.read(REPO / "source" / AID / f"{AID}.ipynb"))
    if case is not None:
        notebook = submissions.apply_case(notebook, case)
    first = next(c for c in notebook.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"))
    first.source += f"\n# handed in by {user}"
    return notebook


def _open_notebook(page, panel):
    """Open the fetched notebook from the Assignments tab (a kernel chosen if JupyterLab asks)."""
    panel.locator("#fetched_assignments_list a.assignment-notebooks-link").first.click()
    panel.locator("#fetched_assignments_list .nested_list_item a", has_text=AID).first.click()
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=UI_S * 1000)
    choose = page.locator(".jp-Dialog", has_text="Select Kernel")
    try:
        choose.wait_for(timeout=5000)
        choose.locator("button", has_text="Select").first.click()
    except PlaywrightTimeout:
        pass    # JupyterLab knew the kernel: nothing to choose


def _validate(page):
    page.locator(".jp-NotebookPanel:visible .validate-button").first.click()
    dialog = page.locator(".jp-Dialog #validation-message")
    dialog.wait_for(timeout=VALIDATE_S * 1000)
    return dialog


def _close_dialog(page):
    page.locator(".jp-Dialog button", has_text="Ok").first.click()
    page.locator(".jp-Dialog").wait_for(state="detached", timeout=UI_S * 1000)


def _fetch_and_open_feedback(page, deadline):
    """In the Assignments tab, refreshed until the submission says "feedback available to fetch"
    (at the latest at ``deadline``, a time.time()), Fetch Feedback; then the feedback page opened
    from the file browser as a student does: the page's text."""
    stale = page.locator(".lm-TabBar-tab", has_text=f"{AID}.html")
    if stale.count():       # an earlier feedback's page, open from before
        stale.first.locator(".lm-TabBar-tabCloseIcon").click()
    panel = _open_assignment_list(page)
    submitted = panel.locator("#submitted_assignments_list")
    while not submitted.get_by_text("feedback available to fetch").count():
        assert time.time() < deadline, "no feedback to fetch in time"
        panel.locator("#refresh_assignments_list").click()
        page.wait_for_timeout(3000)
    submitted.locator("button", has_text="Fetch Feedback").first.click()
    view = submitted.locator("a", has_text="view feedback")
    view.first.wait_for(timeout=UI_S * 1000)
    view.first.click()
    item = page.locator(".jp-DirListing-item", has_text=f"{AID}.html")
    item.first.wait_for(timeout=UI_S * 1000)
    item.first.dblclick()
    frame = page.frame_locator(".jp-HTMLViewer:visible iframe")
    frame.locator("#toc").wait_for(timeout=UI_S * 1000)
    return frame.locator("body").inner_text()


def _without_sources(text, notebook):
    """``text`` without the source of the notebook's test cells, which pages show beside their output."""
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            text = text.replace(cell.source.strip(), "")
    return text


def _score(text):
    found = re.search(rf"{AID} \(Score: ([\d.]+) / ([\d.]+)", text)
    assert found, f"no score on the feedback page: {text[:500]}"
    return float(found.group(1)), float(found.group(2))


def _section(text, grade_id):
    """The feedback page's text from the heading of the check ``grade_id`` to the next check."""
    start = re.search(rf"Check: [^\n]*{grade_id}\b", text)
    assert start, f"no check {grade_id} on the feedback page"
    end = text.find("Check: ", start.end())
    return text[start.start():end if end > 0 else None]


def _check_feedback(text, name, mistakes, release, score):
    """``name``'s feedback page: their score, their own work only, and the mistake's message on
    the check that catches it where they made it, nowhere where they did not."""
    assert _score(text) == score, text[:500]
    assert f"handed in by {name}" in text
    assert not any(f"handed in by {n}" in text for n in mistakes if n != name)
    case = next(c for c in mistakes.values() if c)
    # The messages, not the checks' code (which shows the likely mistakes it knows).
    caught = _without_sources(_section(text, case.fails[0]), release)
    assert (case.names in caught) == bool(mistakes[name]), caught[:1000]


def test_a_class_end_to_end_in_the_browser(classroom, browser):  # noqa: F811 (browser: the fixture)
    run, passwords = classroom
    url, total = run.url, time.time()
    steps = Steps(run)
    (teacher,), (student, other) = run.instructors, run.students
    case = next(c for c in submissions.load_cases(AID) if c.name == MISTAKE)
    mistakes = {student: None, other: case}          # who hands in what
    try:
        with steps.step("1. instructor: log in, generate and release in the formgrader"):
            fg = steps.pages["instructor"] = _login(browser, url, teacher, passwords[teacher][1])
            assert "Successfully created the student version" in _formgrader_button(fg, url, "assign", UI_S * 3)
            assert f"Released as: {layout.COURSE_ID} {AID}" in _formgrader_button(fg, url, "release")
            assert _assignment_row(fg, url).locator("td.status").inner_text().strip() == "released"

        pages, handed_in, release = {}, {}, None
        for name in run.students:
            with steps.step(f"2. {name}: log in, fetch, write the answers, validate, submit"):
                page = steps.pages[name] = pages[name] = _login(browser, url, name, passwords[name][1])
                page.wait_for_url(re.compile(rf".*/user/{name}/lab.*"), timeout=SPAWN_S * 1000)
                panel = _open_assignment_list(page)
                panel.locator("#released_assignments_list .list_item", has_text=AID).locator(
                    "button", has_text="Fetch").click()
                panel.locator("#fetched_assignments_list .list_item", has_text=AID).first.wait_for(timeout=UI_S * 1000)
                release = _contents_api(page, name, f"{AID}/{AID}.ipynb")
                _contents_api(page, name, f"{AID}/{AID}.ipynb", _answers(release, name, mistakes[name]))
                _open_notebook(page, panel)
                dialog = _validate(page)
                message = dialog.inner_text()
                if mistakes[name] is None:
                    assert "validation-success" in dialog.get_attribute("class"), message[:1000]
                    shot(page, "classroom-validate")
                else:
                    assert "validation-failed" in dialog.get_attribute("class"), message[:1000]
                    assert case.names in _without_sources(message, release), message[:1000]
                _close_dialog(page)
                panel = _open_assignment_list(page)
                panel.locator("#fetched_assignments_list .list_item", has_text=AID).locator(
                    "button", has_text="Submit").first.click()
                panel.locator("#submitted_assignments_list .list_item", has_text=AID).first.wait_for(timeout=UI_S * 1000)
                handed_in[name] = time.time()
                shot(page, "classroom-assignments", docs=mistakes[name] is None)

        points = _points(release)
        full = float(sum(points.values()))
        expected = {name: full - sum(points[cell] for cell in (mistakes[name].fails if mistakes[name] else []))
                    for name in run.students}
        assert expected[other] < full and case.fails, "the mistake must lose points"

        written = sum(points[cell] for cell in _written(release))
        if EARLY_FEEDBACK:
            for name in run.students:
                with steps.step(f"3. {name}: feedback on submit"):
                    text = _fetch_and_open_feedback(pages[name], handed_in[name] + EARLY_FEEDBACK_S)
                    print(f"   {name} read the early feedback {time.time() - handed_in[name]:.0f} s after submitting")
                    if mistakes[name]:
                        shot(pages[name], "classroom-early-feedback")
                    # Every check's message (policy full), the written answers not graded yet.
                    _check_feedback(text, name, mistakes, release, (expected[name] - written, full))
                    assert "Early feedback" in text and f"{len(_written(release))} written answers not graded yet" in text, \
                        text[:500]
        else:
            print("3. feedback on submit: NOT RUN (tools/classroom/early_feedback.py is not on this branch)")

        with steps.step("4. instructor: collect"):
            assert "Successfully collected" in _formgrader_button(fg, url, "collect")
        with steps.step("4. instructor: autograde each submission"):
            fg.goto(url + f"{FORMGRADER}/manage_submissions/{AID}", timeout=UI_S * 1000)
            for name in run.students:
                row = fg.locator("tr", has_text=name)
                row.wait_for(timeout=UI_S * 1000)
                row.locator("td.autograde a").click()
                assert "Successfully autograded" in _success_modal(fg, AUTOGRADE_S)
        with steps.step("4. instructor: grade the written answers by hand"):
            for number in range(1, len(run.students) + 1):
                fg.goto(url + f"{FORMGRADER}/gradebook/{AID}/{AID}", timeout=UI_S * 1000)
                fg.locator("a", has_text=f"Submission #{number}").first.click()
                # The buttons work once the page's script has loaded the grades (each field gets
                # its placeholder then).
                fg.wait_for_function("(() => { const f = [...document.querySelectorAll('input.extra-credit')]; "
                                     "return f.length > 0 && f.every(i => i.hasAttribute('placeholder')); })()",
                                     timeout=UI_S * 1000)
                for cell in _written(release):
                    score = fg.locator(f"input.score#{cell}")
                    score.wait_for(timeout=UI_S * 1000)
                    heading = fg.locator(".panel-heading", has=score)
                    with fg.expect_response(lambda r: "/api/grade/" in r.url and r.request.method == "PUT",
                                            timeout=UI_S * 1000) as saved:
                        heading.locator("button.full-credit").click()
                    assert saved.value.ok and saved.value.json()["manual_score"] == points[cell], saved.value.text()
                if number == 1:     # the picture: a written answer given full credit
                    fg.locator(".panel-heading", has=fg.locator(f"input.score#{_written(release)[0]}")).evaluate(
                        "el => el.scrollIntoView({block: 'center'})")
                    fg.wait_for_timeout(500)
                    shot(fg, "classroom-formgrader-grading")
        with steps.step("4. instructor: generate and release feedback"):
            assert "Successfully generated feedback" in _formgrader_button(fg, url, "generate-feedback", UI_S * 3)
            assert "Successfully released feedback" in _formgrader_button(fg, url, "release-feedback")
            submitted = _assignment_row(fg, url).locator("td.num-submissions").inner_text().strip()
            assert submitted == str(len(run.students)), submitted
            shot(fg, "classroom-formgrader")

        for name in run.students:
            with steps.step(f"5. {name}: fetch and open the feedback"):
                text = _fetch_and_open_feedback(pages[name], time.time() + UI_S)
                if mistakes[name]:      # the picture: the check that caught the mistake
                    pages[name].frame_locator(".jp-HTMLViewer:visible iframe").locator(
                        f"a[name='{case.fails[0]}']").scroll_into_view_if_needed()
                shot(pages[name], "classroom-feedback-mistake" if mistakes[name] else "classroom-feedback",
                     docs=bool(mistakes[name]))
                _check_feedback(text, name, mistakes, release, (expected[name], full))
                assert "not graded yet" not in text, text[:500]
    finally:
        for page in steps.pages.values():
            page.context.close()
    print(f"the whole class in the browser: {time.time() - total:.0f} s")
