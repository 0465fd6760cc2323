"""Kernels forked from the warm zygote behave like freshly started ones."""
import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from tools.grader.forkkernel import ForkingKernelManager


def run(sources, tmp_path, timeout=20):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   kernel_manager_class=ForkingKernelManager, interrupt_on_timeout=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    return [[o.get("text") or o.get("ename") for o in cell.outputs] for cell in nb.cells]


def test_forked_kernel_gets_cwd_environment_and_is_fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_TEST_MARK", "marked")
    first = run(["import os; print(os.getcwd()); print(os.environ['COURSE_TEST_MARK'])", "leftover = 1"], tmp_path)
    assert first[0] == [f"{tmp_path}\nmarked\n"]
    second = run(["print('leftover' in globals())", "import torch; print(int(torch.ones(3).sum()))"], tmp_path)
    assert second == [["False\n"], ["3\n"]]


def test_timeout_interrupts_the_forked_kernel(tmp_path):
    outputs = run(["while True: pass", "print('still alive')"], tmp_path, timeout=3)
    assert outputs == [["KeyboardInterrupt"], ["still alive\n"]]


def test_a_kernel_that_exits_is_reported_dead(tmp_path):
    with pytest.raises(DeadKernelError):
        run(["import os; os._exit(3)", "print(1)"], tmp_path)
