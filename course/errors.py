"""How an error shows in the notebook: short, and about the student's own code.

``install()`` (called by ``course.notebook.setup`` in every notebook's first cell) makes the
kernel show

- a failed check (``CheckFailed``) as its message only: what was checked, expected, received
  and the likely mistake, with no frames of ``course/checks.py`` around it;
- an exercise not answered yet (its ``raise NotImplementedError()`` line) as a sentence
  naming the function that is still to do;
- any other error with the frames of the notebook's own cells only (the line of the
  student's code that failed, not fifty lines inside torch), and the error's message.

Validate and the feedback show the same, since they read the kernel's error outputs.
"""
import types

from course.checks import CheckFailed


def install(shell=None):
    """Route the kernel's errors through ``show``; a no-op outside IPython."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((Exception,), show)


def show(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception handler: displays the error and returns what it showed."""
    if isinstance(value, CheckFailed):
        shown = [f"CheckFailed: {value}"]
    elif etype is NotImplementedError and not str(value):
        shown = [f"NotImplementedError: {_raising_function(tb)} is still to do: replace its "
                 "`raise NotImplementedError()` line with your code, then run that cell again."]
    else:
        own = _cell_frames(shell, tb)
        shown = shell.InteractiveTB.structured_traceback(etype, value, own or tb, tb_offset=tb_offset)
    shell._showtraceback(etype, value, shown)
    return shown


def _is_cell(shell, filename):
    """Whether code comes from a notebook cell (IPython names each cell's code itself)."""
    return filename.startswith("<ipython-input-") or filename in getattr(shell.compile, "_filename_map", {})


def _cell_frames(shell, tb):
    """The traceback reduced to the frames of the notebook's cells (None if it has none)."""
    kept = []
    while tb is not None:
        if _is_cell(shell, tb.tb_frame.f_code.co_filename):
            kept.append(tb)
        tb = tb.tb_next
    own = None
    for frame in reversed(kept):
        own = types.TracebackType(own, frame.tb_frame, frame.tb_lasti, frame.tb_lineno)
    return own


def _raising_function(tb):
    """The qualified name of the function whose line raised (``LinearClassifier.forward``)."""
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    name = getattr(code, "co_qualname", code.co_name)
    return f"`{name}`" if name != "<module>" else "this exercise"
