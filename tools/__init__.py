"""Instructor tooling, never shipped to students (the release and the student bundle hold only
notebooks and the ``course`` package). Grouped by where the code runs:

- ``tools/*.py``: the instructor's commands, run from the Makefile (``python -m tools.demo``,
  ``tools.autograde``, ``tools.release`` ...);
- ``tools/grader/``: what nbgrader loads into its own process while it grades (preprocessors,
  sandbox, fork server, tamper scan), wired in by ``nbgrader_config.py``;
- ``tools/catalogue/``: building and grading the catalogue of mistakes and attacks, leak checks
  (the tests and ``make grading-report``);
- ``tools/measure/``: ``make bench`` and ``make gpu-check``;
- ``tools/common/``: helpers they share (repository paths, course folders and nbgrader
  commands, the gradebook, the pins).
"""
