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

from tools.common.paths import CATALOGUE, assignments  # noqa: E402

ASSIGNMENTS = assignments(REPO / "source")

# A small authoring file (notebooks/<id>.py format) with every kind of cell.
AUTHORING = '''# %% [markdown]
# # Title
# text

# %% locked id=setup
import torch

# %% solution id=f
def f(x):
    ### BEGIN SOLUTION
    return x + 1
    ### END SOLUTION

# %% test id=test_f points=2
assert f(1) == 2
### BEGIN HIDDEN TESTS
assert f(41) == 42 and "secret_marker_value"
### END HIDDEN TESTS

# %% [markdown] manual id=essay points=3
# ### BEGIN SOLUTION
# a model answer that is long enough
# ### END SOLUTION
'''


@pytest.fixture
def authored():
    """``AUTHORING`` as a source notebook (solutions and hidden tests in it)."""
    import nbformat
    from tools import build_source
    return nbformat.v4.new_notebook(cells=build_source.parse(AUTHORING))


@pytest.fixture(scope="session")
def synthetic_data():
    """Generate the synthetic CIFAR-10 once, before any kernel needs it."""
    from course import data
    folder, _ = data.ensure_synthetic_cifar10()
    return folder


def _group(item):
    groups = sorted({str(m.args[0]) for m in item.iter_markers("xdist_group") if m.args})
    return "_".join(groups)


# Groups that grade no catalogue, in catalogue submissions' worth of time.
# layouts: six demo and nbgrader runs of about 40 s; bundle-install: a student bundle installed
# into a fresh venv (PyTorch's 6 GB, minutes of unpacking) and two Validate runs, started early;
# solution_leaks: about 200 gradings of a fraction of a second; classroom: two hubs started and
# stopped one after the other (test_classroom and test_classroom_browser), each with two submissions
# autograded, about 5 + 2 minutes on two busy cores.
OTHER_GROUP_COSTS = {"layouts": 30, "bundle-install": 45, "solution_leaks": 10, "classroom": 55, "early-feedback": 8}


def _expected_cost(group):
    """Rough cost of a group (its number of graded submissions), to schedule the longest first."""
    folder = CATALOGUE / group
    return len(list(folder.glob("*.py"))) if folder.is_dir() else OTHER_GROUP_COSTS.get(group, 0)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Keep all tests of one assignment on one xdist worker, so its course is graded once.

    xdist's ``--dist loadgroup`` reads ``xdist_group`` marks and appends ``@<group>`` to each
    test's id; with pytest 9 its way of renaming ids no longer works (every group was split
    across workers and each assignment graded twice), so the ids are renamed here. Groups
    are ordered by expected cost, longest first, so two workers finish close together."""
    for item in items:
        aid = getattr(item, "callspec", None) and item.callspec.params.get("aid")
        aid = aid.values[0] if hasattr(aid, "values") else aid
        if aid and item.module.__name__.endswith("test_assignments"):
            item.add_marker(pytest.mark.xdist_group(aid))
    costs = {g: _expected_cost(g) for g in {_group(item) for item in items} if g}
    items.sort(key=lambda item: -costs.get(_group(item), -1))
    if getattr(config.option, "loadgroup", False):
        from _pytest.nodeid import coerce_node_id
        for item in items:
            group = _group(item)
            if group and not item.nodeid.endswith("@" + group):
                item._id = coerce_node_id(f"{item.nodeid}@{group}")
