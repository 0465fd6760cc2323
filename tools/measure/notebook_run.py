"""Execute a course notebook as the checks do: a fresh ``python3`` kernel through nbclient, the
course importable, in grading mode (``NBGRADER_EXECUTION=autograde``) or at full size.

No nbgrader import here: the GPU check (``tools/measure/gpu_check.py``) runs notebooks on a
machine that has no nbgrader.
"""
import time

from tools.common.paths import course_env


def execute(nb, cwd, grading=True, timeout=600):
    """Run a copy of ``nb`` (a dict or a NotebookNode) with ``cwd`` as its folder, errors
    allowed. Returns ``(executed notebook, seconds)``."""
    import nbformat
    from nbclient import NotebookClient
    env = course_env()
    if grading:
        env["NBGRADER_EXECUTION"] = "autograde"
    else:
        env.pop("NBGRADER_EXECUTION", None)
    nb = nbformat.from_dict(nb)
    start = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute(env=env)
    return nb, time.perf_counter() - start


def problems(nb):
    """What would cost marks in an executed notebook: an error in any cell, and anything a
    graded cell wrote to stderr (nbgrader scores such a cell 0)."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        name = meta.get("grade_id", cell.get("id", "?"))
        for out in cell.outputs:
            if out.output_type == "error":
                found.append(f"{name}: {out.ename}: {out.evalue}")
            elif meta.get("grade") and out.output_type == "stream" and out.name == "stderr":
                found.append(f"{name} wrote to stderr: {out.text[:200]}")
    return found


def printed(nb):
    """Everything the notebook printed to stdout, in order."""
    return "".join(out.text for cell in nb.cells if cell.cell_type == "code"
                   for out in cell.outputs if out.output_type == "stream" and out.name == "stdout")
