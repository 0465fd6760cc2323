"""What every notebook does in its first cell."""
import os
import sys
import warnings

import torch

from course import errors


def grading_mode():
    """True while nbgrader executes the notebook (autograde or validate): experiments shrink."""
    return os.environ.get("NBGRADER_EXECUTION") in ("autograde", "validate")


def _warning_to_stdout(message, category, filename, lineno, file=None, line=None):
    # nbgrader scores a test cell 0 if it writes to stderr, so warnings go to stdout.
    print(f"{category.__name__}: {message}", file=sys.stdout)


def setup(seed=0):
    """Seed, route warnings to stdout, show errors short (``course.errors``), and report
    grading mode. Returns ``grading_mode()``."""
    warnings.showwarning = _warning_to_stdout
    errors.install()
    torch.manual_seed(seed)
    torch.set_printoptions(precision=4, sci_mode=False)
    mode = grading_mode()
    if mode:
        print("Grading mode: long experiments run at a reduced size.")
    return mode
