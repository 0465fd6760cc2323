"""nbgrader configuration of the course. Read by every nbgrader command run in this folder.

Each setting below closes a trap that has bitten real nbgrader courses; see the comments.
"""
import os

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, GetGrades,
                                    IgnorePattern, LimitOutput, SaveAutoGrades)

from tools.nbgrader_plugins import DemoteStderrInGradeCells, ForkingExecute, HideHiddenTests

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "training-neural-networks"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# The gradebook: SQLite in the course root by default, waiting up to a minute for a lock so
# parallel graders (tools/autograde.py) queue instead of failing; COURSE_DB_URL selects
# another database (e.g. postgresql://...).
c.CourseDirectory.db_url = os.environ.get("COURSE_DB_URL") or \
    "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db") + "?timeout=60"
# Only notebooks are released: a stray file in source/<assignment>/ would reach students.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "*.py", "*.md",
                            "*.json", "*.csv", "*.pt", "*.pkl", "*.npz", "*.txt", "data", "*.db"]

# Cells that train models need more than nbgrader's 30 s default; a runaway loop still ends.
c.Execute.timeout = 120
c.Execute.interrupt_on_timeout = True

# A student who deleted a test cell gets it back, with its hidden tests, at autograde.
c.OverwriteCells.add_missing_cells = True

# Graded cells never lose points to stderr noise (a torch UserWarning, a tqdm bar).
# Kernels are forked from a warm process (tools/forkkernel.py): a fresh kernel per
# submission without paying for `import torch` each time.
c.Autograde.autograde_preprocessors = [
    ForkingExecute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    DemoteStderrInGradeCells,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# Feedback never shows hidden-test source, not even inside a traceback.
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
