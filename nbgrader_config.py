"""nbgrader configuration of the course. Read by every nbgrader command run in this folder.

Each setting below closes a trap that has bitten real nbgrader courses; see the comments.
"""
import os

# traitlets logs an error raised in this file and goes on with nbgrader's defaults, which would
# grade with no sandbox and none of the fixes below: an import that fails stops nbgrader instead.
try:
    from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata,
                                        IgnorePattern, LimitOutput, SaveAutoGrades)

    from tools.grader import CELL_TIMEOUT
    from tools.grader.execute import GradingExecute, RecordLimitsHit
    from tools.grader import feedback
    from tools.grader.feedback import GetGradesAndPending, HideHiddenTests, LabelGradedCells
    from tools.grader.late_penalty import PercentPerStartedDay
    from tools.grader.mathml import FeedbackExporter
    from tools.grader.output_size import LimitOutputSize
    from tools.grader.rubrics import RemoveRubrics, ShowRubricsToGraders
    from tools.grader.sandbox import refuse_to_grade_without_sandbox
    from tools.grader.stderr import DemoteStderrInGradeCells
    from tools.grader import submitted_files
    from tools.grader.tampering import FlagInGradebook, FlagTampering
    from tools.grader.verdict import ComputeVerdicts, StartWorker
except Exception as error:
    raise SystemExit(f"nbgrader_config.py cannot load the course's grading code ({type(error).__name__}: "
                     f"{error}); run nbgrader from the course root with its venv (make venv).") from error

c = get_config()  # noqa: F821 (provided by nbgrader)

# `nbgrader autograde` refuses to start, in one sentence saying why and how to fix it, where no
# grading sandbox can be made, rather than failing every student with the same error.
refuse_to_grade_without_sandbox()
# Of a submission, nbgrader reads only regular notebook files: a symbolic link or a device is
# refused with the reason, and no other file is copied (tools/grader/submitted_files.py).
submitted_files.install()

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

# Cells that train models need more than nbgrader's 30 s default; a runaway loop still ends
# (tools/grader/__init__.py; the student view's Validate uses the same limit).
c.Execute.timeout = CELL_TIMEOUT
c.Execute.interrupt_on_timeout = True

# A student who deleted a test cell gets it back at autograde (its hidden test, in
# tools/hidden_tests/, grades it either way).
c.OverwriteCells.add_missing_cells = True

# Autograding, in order (tools/grader/, one module per concern):
# - the scores are computed outside the kernel (verdict.py): StartWorker starts the grading
#   worker, which loads each exercise's answer in a sandbox of its own; after the notebook's
#   execution ComputeVerdicts runs the hidden tests of tools/hidden_tests/ in this process,
#   calling the student's code in the worker, by value, and writes each verdict into its cell;
# - every kernel runs in a bubblewrap sandbox (execute.py: GradingExecute, with sandbox.py;
#   COURSE_SANDBOX=0 forks unsandboxed kernels from a warm process instead, forkkernel.py, for
#   trusted notebooks only); a kernel that dies or hangs costs the cells it did not finish,
#   never the whole submission;
# - a static scan outside the kernel (tamper_scan.py) flags code that reaches into grading, for
#   the instructor to look at; it changes no score (tampering.py: FlagTampering, FlagInGradebook:
#   nbgrader's own "flagged" mark, shown by the formgrader and the report);
# - outputs are cut to a sane size (output_size.py); graded cells never lose points to stderr
#   noise (stderr.py);
# - below each written answer, the graders (formgrader) see its rubric (rubrics.py), which
#   neither the release nor the feedback contains.
c.Autograde.autograde_preprocessors = [
    StartWorker,
    GradingExecute,
    ComputeVerdicts,
    IgnorePattern,
    ClearMetadataPreprocessor,
    RecordLimitsHit,
    ShowRubricsToGraders,
    FlagTampering,
    LimitOutput,
    LimitOutputSize,
    DemoteStderrInGradeCells,
    SaveAutoGrades,
    FlagInGradebook,
    AssignLatePenalties,
    CheckCellMetadata,
]

# Late submissions: nbgrader's default plug-in records how late a submission is (timestamp.txt
# against the due date set in the gradebook) and takes nothing off; ours takes percent_per_day % of
# the notebook's points per started day late (points, not score: the penalty is fixed at autograde,
# before the written answers are graded), never more than the score, after an optional grace
# period (tools/grader/late_penalty.py). The feedback says how late and what it cost.
c.AssignLatePenalties.plugin_class = PercentPerStartedDay
c.PercentPerStartedDay.percent_per_day = 10.0
c.PercentPerStartedDay.grace_minutes = 0.0

# Feedback never shows hidden-test source, not even inside a traceback (feedback.py), nor the
# rubrics of written questions, which the autograded notebook shows graders (rubrics.py).
c.GenerateFeedback.preprocessors = [GetGradesAndPending, HideHiddenTests, RemoveRubrics, LabelGradedCells,
                                    CSSHTMLHeaderPreprocessor]
# The page itself: the course's copy of nbgrader's feedback template (tools/grader/templates/
# feedback/): each graded cell named, written answers not graded yet saying so, messages wrapped.
# Found first on the template path; template_name stays nbgrader's ("feedback"), which the
# formgrader's own "Generate feedback" also asks for, and its grading view ("formgrade") is untouched.
c.HTMLExporter.extra_template_basedirs = [feedback.TEMPLATES, feedback.NBGRADER_TEMPLATES]
# Its mathematics as MathML, which needs no MathJax from a CDN: feedback is often read offline.
c.GenerateFeedback.exporter_class = FeedbackExporter
