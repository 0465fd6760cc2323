"""The class report as one self-contained HTML page: the grade grid, then per assignment the
exercises hardest first and the failures grouped by message, then what needs the instructor."""
import html

from tools.report.data import collect, failures_by_frequency

MESSAGE_CHARS = 240       # longer failure messages are shortened at a word, the whole in <details>

STYLE = """
body{font-family:sans-serif;max-width:1100px;margin:auto;padding:0 16px;line-height:1.35}
table{border-collapse:collapse;margin:8px 0 16px}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f3f3}
td.num,th.num{text-align:right;white-space:nowrap}
.mark{display:inline-block;margin:1px 2px;padding:0 4px;border-radius:3px;font-size:85%;white-space:nowrap}
.flagged{background:#f8d0d0}.to-grade{background:#fde9b6}.late{background:#d6e4f8}
.not-graded,.untouched{background:#e2e2e2}
.failures td:first-child{width:60%}
.difficulty{display:grid;grid-template-columns:minmax(8em,16em) minmax(6em,1fr) max-content;
  gap:4px 10px;align-items:center;margin:8px 0 16px}
.difficulty .name{overflow-wrap:anywhere}
.bar{height:14px;background:#eee;border-radius:2px}
.bar span{display:block;height:100%;background:#4c8c4a;border-radius:2px}
details summary{cursor:pointer}
"""


def _e(text):
    return html.escape(str(text))


def shorten(message, limit=MESSAGE_CHARS):
    """``message`` up to ``limit`` characters, cut at a word with an ellipsis when longer."""
    if len(message) <= limit:
        return message
    cut = message[:limit].rsplit(" ", 1)[0] if " " in message[:limit] else message[:limit]
    return cut.rstrip() + " …"


def message_html(message):
    short = shorten(message)
    if short == message:
        return _e(message)
    return f"<details title='{_e(message)}'><summary>{_e(short)}</summary><div>{_e(message)}</div></details>"


def _count(n, noun):
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _late(seconds):
    hours = seconds / 3600
    return f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} days"


def _link(href, text):
    return f"<a href='{_e(href)}'>{text}</a>" if href else text


def _cell(sub, feedback_base, formgrader):
    if sub is None:
        return "<td>–</td>"
    if not sub.graded:
        return "<td><span class='mark not-graded' title='submitted, not autograded'>not graded</span></td>"
    parts = [_link(f"{feedback_base}/{sub.student}/{sub.aid}/{sub.aid}.html" if sub.feedback else "",
                   f"{sub.score:g}/{sub.max_score:g}")]
    if sub.untouched:
        parts.append("<span class='mark untouched' title='the release handed back: no answer filled in'>untouched</span>")
    if sub.flagged:
        parts.append(f"<span class='mark flagged' title='{_e('; '.join(sub.flagged))}'>flagged</span>")
    if sub.pending:
        parts.append(f"<span class='mark to-grade' title='{_e(', '.join(sub.pending))}'>"
                     f"{len(sub.pending)} to grade</span>")
    if sub.seconds_late > 0:
        penalty = f", −{sub.late_penalty:g}" if sub.late_penalty else ""
        parts.append(f"<span class='mark late' title='late submission penalty: {sub.late_penalty:g} points'>"
                     f"late {_late(sub.seconds_late)}{penalty}</span>")
    if formgrader and sub.notebook_id:
        parts.append(_link(f"{formgrader}/submissions/{sub.notebook_id}", "<span class='mark'>formgrader</span>"))
    return "<td>" + " ".join(parts) + "</td>"


def _grid(data, feedback_base, formgrader):
    aids = list(data.assignments)
    rows = ["<table class='grid'><tr><th>student</th>" + "".join(f"<th>{_e(a)}</th>" for a in aids) + "</tr>"]
    for student in data.students:
        rows.append(f"<tr><th>{_e(student)}</th>"
                    + "".join(_cell(data.submission(student, a), feedback_base, formgrader) for a in aids) + "</tr>")

    def summary(label, value):
        return f"<tr><th>{label}</th>" + "".join(f"<td class='num'>{value(data.assignments[a])}</td>" for a in aids) + "</tr>"

    def pending(entry):
        text = f"{len(entry.pending)}"
        return _link(f"{formgrader}/gradebook/{entry.aid}/{entry.aid}" if formgrader and entry.pending else "", text)

    rows += [summary("submitted", lambda e: len(e.submissions)),
             summary("mean (graded)", lambda e: "–" if e.mean is None else f"{e.mean:.1f}/{e.max_score:g}"),
             summary("median (graded)", lambda e: "–" if e.median is None else f"{e.median:g}/{e.max_score:g}"),
             summary("written answers to grade (submissions)", pending), "</table>"]
    return "\n".join(rows)


def _difficulty(entry):
    if not entry.exercises:
        return ""
    rows = ["<div class='difficulty'>"]
    for ex in entry.exercises:
        kind = "written answer" if ex.written else "test cell"
        fraction = ex.full / ex.graded if ex.graded else 0.0
        value = f"{ex.full}/{ex.graded} ({fraction:.0%})" if ex.graded else "not graded yet"
        rows.append(f"<div class='name' title='{kind}'>{_e(ex.grade_id)}</div>"
                    f"<div class='bar'><span style='width:{fraction * 100:.1f}%'></span></div>"
                    f"<div class='value'>{value}</div>")
    return "\n".join(rows + ["</div>"])


def _failures(entry):
    grouped = failures_by_frequency(entry)
    if not grouped:
        return "<p>No test cell failed.</p>"
    rows = ["<table class='failures'><tr><th>message (first line)</th><th class='num'>students</th><th>who</th></tr>"]
    for cell, messages in grouped:
        rows.append(f"<tr><th colspan='3'>{_e(cell)}</th></tr>")
        for message, students in messages:
            rows.append(f"<tr><td>{message_html(message)}</td><td class='num'>{len(students)}</td>"
                        f"<td>{_e(', '.join(students))}</td></tr>")
    return "\n".join(rows + ["</table>"])


def render(root, feedback_base="../feedback", formgrader=None):
    """The report of the course at ``root``. Links: the feedback under ``feedback_base`` (relative
    to where the page is served), the formgrader's pages under ``formgrader`` (none when None)."""
    data = collect(root)
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>Class report</title>",
             f"<style>{STYLE}</style></head><body>", "<h1>Class report</h1>",
             f"<p>{_count(len(data.students), 'student')}, {_count(len(data.assignments), 'assignment')}.</p>",
             "<h2>Grades</h2>", _grid(data, feedback_base.rstrip("/"), formgrader and formgrader.rstrip("/")),
             "<p class='legend'>score/max links to the student's feedback. <span class='mark flagged'>flagged</span> "
             "for tampering, <span class='mark to-grade'>n to grade</span> written answers still to grade by hand "
             "(their points are part of max), <span class='mark late'>late</span> after the due date "
             "(with the late penalty), <span class='mark untouched'>untouched</span> the release handed back, "
             "<span class='mark not-graded'>not graded</span> submitted but not autograded.</p>"]
    for aid, entry in data.assignments.items():
        parts.append(f"<h2>{_e(aid)}</h2>")
        parts.append("<h3>Exercises, hardest first (fraction of the graded submissions with full marks)</h3>")
        parts.append(_difficulty(entry))
        parts.append("<h3>Failures by message</h3>")
        if entry.untouched:
            parts.append(f"<p>Untouched (no answer filled in, left out below): {len(entry.untouched)} "
                         f"({_e(', '.join(entry.untouched))}).</p>")
        parts.append(_failures(entry))
    parts.append("<h2>Flagged submissions</h2>")
    parts.append("<ul>" + "".join(f"<li>{_e(s.student)}/{_e(s.aid)}: " + "; ".join(_e(r) for r in s.flagged)
                                  + "</li>" for s in data.flagged) + "</ul>" if data.flagged else "<p>None.</p>")
    parts.append("<h2>Submissions without a complete grade</h2>")
    incomplete = [f"<li>{_e(s.student)}/{_e(s.aid)}: "
                  + ("not autograded" if not s.graded else
                     f"{len(s.pending)} written answer(s) to grade ({_e(', '.join(s.pending))})") + "</li>"
                  for s in data.incomplete]
    parts.append("<ul>" + "".join(incomplete) + "</ul>" if incomplete else "<p>None.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
