"""``python -m tools.report``: write the class report (see tools/report/__init__.py)."""
import argparse
import os
from pathlib import Path

from tools.common.paths import REPO
from tools.report.page import render


def main(argv=None):
    parser = argparse.ArgumentParser(description="The class report, from the gradebook.")
    parser.add_argument("--root", default=str(REPO), help="the course root (default: this repository)")
    parser.add_argument("--out", default=None, help="default: <root>/reports/class-report.html")
    parser.add_argument("--formgrader-url", default=None,
                        help="the formgrader's base URL (e.g. http://127.0.0.1:8889/formgrader) to link each "
                             "submission and the manual grading pages to; default: no such links (a file "
                             "opened from disk reaches no formgrader; the formgrader serves its own at "
                             "/class-report)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    out = Path(args.out or root / "reports" / "class-report.html").resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    feedback = Path(os.path.relpath(root / "feedback", out.parent)).as_posix()
    out.write_text(render(root, feedback_base=feedback, formgrader=args.formgrader_url))
    print(f"report written to {out}")


if __name__ == "__main__":
    main()
