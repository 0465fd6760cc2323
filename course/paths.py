"""Where the course keeps its files. Imports nothing heavy: the grading sandbox asks it on every
kernel start, before any notebook code runs."""
import os
from pathlib import Path


def data_root():
    """Where data sets live: $COURSE_DATA, else ~/.cache/course-data (never an assignment folder)."""
    return Path(os.environ.get("COURSE_DATA") or Path.home() / ".cache" / "course-data")
