"""Shared fixtures. Tests build real course folders in temporary directories and run real
nbgrader commands there (as nbgrader's own test suite does)."""
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("MPLBACKEND", "Agg")
# Offline by design: never wait on a download attempt.
os.environ.setdefault("COURSE_SYNTHETIC_DATA", "1")

from tools.nbgrader_cli import assignments  # noqa: E402

ASSIGNMENTS = assignments(REPO / "source")


@pytest.fixture(scope="session")
def synthetic_data():
    """Generate the synthetic CIFAR-10 once, before any kernel needs it."""
    from course import data
    folder, _ = data.ensure_synthetic_cifar10()
    return folder


def pytest_collection_modifyitems(items):
    """Keep all tests of one assignment on one xdist worker, so its course is graded once."""
    for item in items:
        aid = getattr(item, "callspec", None) and item.callspec.params.get("aid")
        aid = aid.values[0] if hasattr(aid, "values") else aid
        if aid and item.module.__name__.endswith("test_assignments"):
            item.add_marker(pytest.mark.xdist_group(aid))
