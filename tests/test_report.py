"""The class report (``make report``, tools/report/) on a small real class of 02 graded by
nbgrader (tests/report_class.py): what it reads, what it links to, that nothing on the page is
drawn over anything else (in Chromium, by element bounds), and the formgrader's server serving it.

The screenshot goes to tests/artifacts/class-report.png; with COURSE_UPDATE_SCREENSHOTS=1 also to
docs/screenshots/ for the README."""
import os
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

import report_class
from conftest import REPO
from report_class import AID, MISTAKES, TO_GRADE
from tools import lab
from tools.common.gradebook import db_url
from tools.report import collect, render
from tools.report.__main__ import main as report_main
from tools.report.data import is_untouched
from tools.report.page import MESSAGE_CHARS, shorten

CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return report_class.build(tmp_path_factory.mktemp("report class"))


@pytest.fixture(scope="module")
def data(course):
    return collect(course)


def test_collect_reads_scores_marks_and_untouched(data):
    entry = data.assignments[AID]
    subs = {s.student: s for s in entry.submissions}
    assert sorted(subs) == sorted(report_class.STUDENTS) and all(s.graded for s in subs.values())
    assert subs["report-reference"].score == subs["report-reference"].max_score > 0
    assert subs["report-untouched"].untouched and subs["report-untouched"].score == 0
    assert not any(s.untouched for name, s in subs.items() if name != "report-untouched")
    assert subs[TO_GRADE].pending == ["written_learning_rate", "written_epoch_loss"]
    assert [s.student for s in entry.pending] == [TO_GRADE]
    assert subs["report-late"].seconds_late == 24 * 3600
    assert all(s.seconds_late == 0 for name, s in subs.items() if name != "report-late")
    assert all(s.feedback and s.notebook_id for s in subs.values())
    assert entry.mean == pytest.approx(sum(s.score for s in subs.values()) / len(subs))
    assert [(s.student, s.aid) for s in data.incomplete] == [(TO_GRADE, AID)]


def test_collect_groups_failures_with_students_leaving_out_untouched(data):
    failures = data.assignments[AID].failures
    everyone = {s for messages in failures.values() for students in messages.values() for s in students}
    assert everyone == set(MISTAKES)       # the untouched submission is counted once, not per cell
    assert list(failures["test_gd_step"].values()) == [["report-sign"]]
    assert all(not m.startswith("NotImplementedError") for messages in failures.values() for m in messages)


def test_exercises_hardest_first_written_answers_counted_when_graded(data):
    exercises = data.assignments[AID].exercises
    fractions = [e.full / e.graded for e in exercises]
    assert fractions == sorted(fractions)
    written = {e.grade_id: e for e in exercises if e.written}
    # The submission still to grade is left out; the untouched one earned nothing.
    assert {(e.full, e.graded) for e in written.values()} == {(3, 4)}
    gd_step = next(e for e in exercises if e.grade_id == "test_gd_step")
    assert (gd_step.full, gd_step.graded) == (3, 5)      # wrong sign and untouched


def test_untouched_without_the_release_is_every_failure_unanswered():
    assert is_untouched(None, None, {"a": "NotImplementedError: ", "b": "NotImplementedError: x"})
    assert not is_untouched(None, None, {"a": "NotImplementedError: ", "b": "CheckFailed: x"})
    assert not is_untouched(None, None, {})


def test_long_messages_are_cut_at_a_word_with_an_ellipsis():
    message = "CheckFailed: " + " ".join(f"word{i:03d}" for i in range(100))
    short = shorten(message)
    assert len(short) <= MESSAGE_CHARS + 2 and short.endswith(" …")
    assert message.startswith(short[:-2]) and message[len(short) - 2] == " "   # whole words only
    assert shorten("short message") == "short message"


def test_page_counts_pending_written_answers_and_links(course):
    page = render(course, feedback_base="../feedback", formgrader="../formgrader")
    incomplete = page.split("<h2>Submissions without a complete grade</h2>", 1)[1]
    assert f"{TO_GRADE}/{AID}: 2 written answer(s) to grade" in incomplete and "None." not in incomplete
    assert f"href='../formgrader/gradebook/{AID}/{AID}'>1</a>" in page
    assert page.count("href='../formgrader/submissions/") == len(report_class.STUDENTS)
    assert "late 24 h" in page and "untouched" in page
    # The long message of the zero_grad mistake: shortened on the page, whole in its <details>.
    assert "<details" in page
    assert "formgrader/" not in render(course)     # no formgrader given: no links to one


def test_flagged_and_never_graded_submissions_are_listed(course, tmp_path):
    root = shutil.copytree(course, tmp_path / "course")
    notebook = root / "autograded" / "report-sign" / AID / f"{AID}.ipynb"
    autograded = nbformat.read(notebook, as_version=4)
    autograded.metadata["course"] = {"tampering": ["replaces torch.allclose"]}
    nbformat.write(autograded, notebook)
    with Gradebook(db_url(root)) as gb:
        gb.find_submission(AID, "report-sign").notebooks[0].flagged = True
        gb.db.commit()
    (root / "submitted" / "report-new" / AID).mkdir(parents=True)      # collected, not yet graded
    data = collect(root)
    assert [(s.student, s.flagged) for s in data.flagged] == [("report-sign", ["replaces torch.allclose"])]
    assert [(s.student, s.graded) for s in data.incomplete] == [("report-new", False), (TO_GRADE, True)]
    page = render(root)
    assert "<li>report-sign/02_gradient_descent: replaces torch.allclose</li>" in page
    assert "report-new/02_gradient_descent: not autograded" in page and "not graded</span>" in page


def test_command_writes_the_report_with_feedback_links_that_resolve(course, tmp_path):
    out = tmp_path / "out" / "class-report.html"
    report_main(["--root", str(course), "--out", str(out)])
    links = re.findall(r"href='([^']+\.html)'", out.read_text())
    assert len(links) == len(report_class.STUDENTS)
    assert all((out.parent / link).resolve().is_file() for link in links)


# Every line box of text and every figure (bars, marks) of the report, each with the box of the
# cell or block that holds it and the index of its own element.
_BOXES_JS = """() => {
  const all = Array.from(document.querySelectorAll('*'));
  const out = [];
  const add = (el, r, kind, what) => {
    if (r.width <= 0 || r.height <= 0 || !el.checkVisibility()) return;   // e.g. in a closed <details>
    const c = el.closest('td, th, .difficulty > div, li, p, h1, h2, h3, details').getBoundingClientRect();
    out.push({kind, what, owner: all.indexOf(el), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
              cx0: c.left, cx1: c.right});
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) add(node.parentElement, r, 'text', node.textContent.trim().slice(0, 50));
  }
  for (const el of document.querySelectorAll('.bar, .mark')) add(el, el.getBoundingClientRect(), 'figure', el.className);
  return out;
}"""


def _overlaps(boxes, slack=0.5):
    """Pairs of boxes that intersect by more than ``slack`` pixels both ways, except the lines
    of one element's text and a mark with its own label."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["owner"] == b["owner"] and (a["kind"], b["kind"]) != ("figure", "figure"):
                continue
            if min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > slack and \
                    min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > slack:
                found.append((a["what"], b["what"]))
    return found


def _check_layout(page, width):
    boxes = page.evaluate(_BOXES_JS)
    assert len([b for b in boxes if b["kind"] == "figure"]) >= len(report_class.STUDENTS)
    assert _overlaps(boxes) == [], f"overlapping at {width} px"
    outside = [b["what"] for b in boxes if b["x0"] < b["cx0"] - 0.5 or b["x1"] > b["cx1"] + 0.5]
    assert outside == [], f"drawn outside its cell or box at {width} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.xdist_group("browser")
def test_report_layout_nothing_overlaps_or_overflows(course, tmp_path):
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium` (make venv installs it).", pytrace=False)
    report_main(["--root", str(course), "--formgrader-url", "http://127.0.0.1:8889/formgrader"])
    page_path = course / "reports" / "class-report.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            for width in (1280, 760):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(page_path.as_uri())
                _check_layout(page, width)
                if width == 1280:
                    artifacts = REPO / "tests" / "artifacts"
                    artifacts.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(artifacts / "class-report.png"), full_page=True)
                    if os.environ.get("COURSE_UPDATE_SCREENSHOTS") == "1":
                        (REPO / "docs" / "screenshots").mkdir(parents=True, exist_ok=True)
                        shutil.copy(artifacts / "class-report.png", REPO / "docs" / "screenshots" / "class-report.png")
                page.locator("details summary").first.click()       # a long message unfolded
                _check_layout(page, width)
                page.close()
        finally:
            browser.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _status_and_location(url):
    """The status and Location of a GET, redirects not followed."""
    try:
        answer = urllib.request.build_opener(_NoRedirect).open(url, timeout=60)
    except urllib.error.HTTPError as error:
        answer = error
    return answer.status, answer.headers.get("Location", "")


def test_formgrader_server_serves_the_report_to_its_users_only(course, tmp_path):
    with lab.start(course, tmp_path / "formgrader.log") as server:
        status, location = _status_and_location(f"http://127.0.0.1:{server.port}/class-report")
        assert status == 302 and "/login" in location          # no token: the login page
        with urllib.request.urlopen(server.url("class-report"), timeout=120) as answer:
            page = answer.read().decode()
        assert f"{TO_GRADE}/{AID}: 2 written answer(s) to grade" in page
        assert f"href='formgrader/gradebook/{AID}/{AID}'" in page
        feedback = re.search(r"href='(files/feedback/[^']+\.html)'", page).group(1)
        with urllib.request.urlopen(server.url(feedback), timeout=60) as answer:
            assert f"<title>{AID}</title>".encode() in answer.read()
