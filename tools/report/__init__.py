"""``make report``: the instructor's view of the class, one HTML page from the gradebook.

A student x assignment grid (totals linked to each student's feedback, marks for flagged, late,
untouched, not graded and written answers still to grade; per assignment the number submitted,
mean, median and the submissions with written answers to grade, linked to the formgrader), then
per assignment its exercises hardest first and its failure messages grouped, with who failed.

    python -m tools.report [--root PATH] [--out reports/class-report.html] [--formgrader-url URL]

Modules: ``data`` (reading the class: :func:`collect`), ``page`` (the HTML: :func:`render`),
``server`` (the Jupyter server extension serving it at ``/class-report`` beside the formgrader).
"""
from tools.report.data import collect  # noqa: F401
from tools.report.page import render  # noqa: F401
