"""nbgrader preprocessors that close two of its known traps. Wired in by nbgrader_config.py.

- ``DemoteStderrInGradeCells`` (autograde): nbgrader scores a test cell 0 when it wrote
  anything to stderr, even when every assert passed; one torch ``UserWarning`` is enough.
  A test cell's verdict is its exception, so stderr in grade cells is moved to stdout
  (still visible in the feedback) before the grades are saved.
- ``HideHiddenTests`` (generate_feedback): feedback is rendered from the autograded
  notebook, which contains the hidden tests, and tracebacks quote the lines that failed.
  This removes the hidden regions from test cells and reduces each test cell's traceback
  to its last line (the exception and its message), so no hidden-test source reaches HTML.
"""
import os
import re

from nbgrader import utils
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

from tools.forkkernel import ForkingKernelManager
from nbgrader.preprocessors.clearhiddentests import ClearHiddenTests

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class DemoteStderrInGradeCells(NbGraderPreprocessor):

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["name"] = "stdout"
        return cell, resources


class HideHiddenTests(NbGraderPreprocessor):

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or not utils.is_grade(cell):
            return cell, resources
        remover = ClearHiddenTests(enforce_metadata=False)
        remover._remove_hidden_test_region(cell)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
                output["traceback"] = [_ANSI.sub("", message)]
        return cell, resources


class ForkingExecute(Execute):
    """nbgrader's Execute, with kernels forked from a warm process (``tools.forkkernel``):
    each submission still gets a fresh kernel, without paying for ``import torch`` again.
    Set COURSE_FORK_KERNELS=0 to start every kernel from scratch instead."""

    def __init__(self, *args, **kwargs):
        if os.environ.get("COURSE_FORK_KERNELS", "1") != "0":
            kwargs.setdefault("kernel_manager_class", ForkingKernelManager)
        super().__init__(*args, **kwargs)
