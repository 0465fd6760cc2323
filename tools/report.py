"""``make report``: an HTML report of the class from the gradebook, for the instructor.

Per assignment: the score distribution (histogram), the pass rate of every test cell, and the
most frequent failure messages per test cell (read from the autograded notebooks); then the
submissions flagged for tampering (with the grader's reasons) and the submissions that could
not be graded. One self-contained HTML file with embedded figures.

    python -m tools.report [--root PATH] [--out reports/class-report.html]
"""
import argparse
import base64
import html
import io
from collections import Counter, defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from tools.catalogue import submissions  # noqa: E402
from tools.common.gradebook import failure_messages, scores  # noqa: E402
from tools.common.paths import REPO  # noqa: E402


def _png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return f'<img src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">'


def collect(root):
    """{assignment: {"scores": [(student, score, max)], "cells": {cell: [passed...]},
    "messages": {cell: Counter}}} and the list of submissions without a grade."""
    root = Path(root)
    table = scores(root)
    out = defaultdict(lambda: {"scores": [], "cells": defaultdict(list), "messages": defaultdict(Counter)})
    for (student, aid), result in sorted(table.items()):
        entry = out[aid]
        entry["scores"].append((student, result["score"], result["max_score"]))
        for cell, (score, max_score) in result["cells"].items():
            entry["cells"][cell].append(score is not None and score >= max_score)
        notebook = root / "autograded" / student / aid / f"{aid}.ipynb"
        if notebook.exists():
            for cell, message in failure_messages(submissions.read(notebook)).items():
                entry["messages"][cell][message.splitlines()[0][:200]] += 1
    ungraded, flagged = [], []
    for (student, aid), result in sorted(table.items()):
        notebook = root / "autograded" / student / aid / f"{aid}.ipynb"
        if result.get("flagged") and notebook.exists():
            reasons = submissions.read(notebook).metadata.get("course", {}).get("tampering", [])
            flagged.append((f"{student}/{aid}", reasons or ["flagged by a grader"]))
    submitted = root / "submitted"
    if submitted.exists():
        for folder in sorted(submitted.glob("*/*")):
            student, aid = folder.parent.name, folder.name
            graded = (root / "autograded" / student / aid / f"{aid}.ipynb").exists()
            if folder.is_dir() and ((student, aid) not in table or not graded):
                ungraded.append(f"{student}/{aid}")
    return dict(out), ungraded, flagged


def render(root):
    data, ungraded, flagged = collect(root)
    parts = ["<html><head><meta charset='utf-8'><title>Class report</title>",
             "<style>body{font-family:sans-serif;max-width:1000px;margin:auto}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}</style></head><body>",
             "<h1>Class report</h1>"]
    for aid, entry in sorted(data.items()):
        parts.append(f"<h2>{html.escape(aid)}</h2>")
        values = [s for _, s, _ in entry["scores"]]
        maximum = entry["scores"][0][2] if entry["scores"] else 0
        fig, axes = plt.subplots(1, 2, figsize=(10, 3))
        axes[0].hist(values, bins=min(20, max(5, len(values))), range=(0, maximum or 1), color="tab:blue")
        axes[0].set_title(f"score distribution ({len(values)} submissions, max {maximum:g})")
        axes[0].set_xlabel("score")
        cells = sorted(entry["cells"])
        rates = [sum(entry["cells"][c]) / len(entry["cells"][c]) for c in cells]
        axes[1].barh(cells, rates, color="tab:green")
        axes[1].set_xlim(0, 1)
        axes[1].set_title("pass rate per test cell")
        parts.append(_png(fig))
        parts.append("<h3>Most frequent failure messages</h3><table><tr><th>test cell</th><th>count</th><th>message</th></tr>")
        for cell in cells:
            for message, count in entry["messages"][cell].most_common(3):
                parts.append(f"<tr><td>{html.escape(cell)}</td><td>{count}</td><td>{html.escape(message)}</td></tr>")
        parts.append("</table>")
    parts.append("<h2>Flagged submissions</h2>")
    parts.append("<ul>" + "".join(f"<li>{html.escape(who)}: " + "; ".join(html.escape(r) for r in reasons[:3])
                                  + "</li>" for who, reasons in flagged) + "</ul>" if flagged else "<p>None.</p>")
    parts.append("<h2>Submissions without a grade</h2>")
    parts.append("<ul>" + "".join(f"<li>{html.escape(u)}</li>" for u in ungraded) + "</ul>" if ungraded else "<p>None.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=str(REPO))
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    out = Path(args.out or Path(args.root) / "reports" / "class-report.html")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(args.root))
    print(f"report written to {out}")


if __name__ == "__main__":
    main()
