"""Runs inside nbgrader's own process while it grades: ``nbgrader_config.py`` loads the
preprocessors from here, and the kernels they start go through the sandbox (or the fork
server). One concern per module; nothing here is started by hand."""

# Seconds a cell may run, when grading and when a student presses Validate (tools/lab.py):
# cells that train models need more than nbgrader's 30 s default; a runaway loop still ends.
CELL_TIMEOUT = 120
