"""A submission's code cells as text for the grading worker (no kernel, nothing executed here).

``statements`` splits a cell, IPython magics turned into Python, into its top-level statements,
so the worker can run them one by one; ``definitions`` keeps of those only what defines
something without doing work (imports, ``def``, ``class``, assignments without calls), which
is what the worker takes from the cells other than the exercise's own: a helper the student
wrote elsewhere is found, and nobody's experiments run again.
"""
import ast

from IPython.core.inputtransformer2 import TransformerManager

_DEFINING = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def python_of(source):
    """The cell as plain Python (``%magic`` lines become ``get_ipython()`` calls)."""
    try:
        return TransformerManager().transform_cell(source)
    except Exception:
        return source


def _tree(source):
    text = python_of(source)
    try:
        return text, ast.parse(text)
    except (SyntaxError, ValueError):
        return text, None


def statements(source):
    """Top-level statements as source texts; a cell that does not parse is one chunk (the
    worker then reports its SyntaxError)."""
    text, tree = _tree(source)
    if tree is None:
        return [text]
    return [_segment(text, node) for node in tree.body]


def definitions(source):
    _, tree = _tree(source)
    if tree is None:
        return []
    text = python_of(source)
    return [_segment(text, node) for node in tree.body if _defines(node)]


def _segment(text, node):
    """A top-level statement's source; a decorated ``def`` or ``class`` from its first decorator's
    line (ast starts the node itself at the ``def``, which would drop ``@torch.no_grad()``)."""
    decorators = getattr(node, "decorator_list", None)
    if not decorators:
        return ast.get_source_segment(text, node)
    return "\n".join(text.split("\n")[decorators[0].lineno - 1:node.end_lineno])


def _defines(node):
    if isinstance(node, _DEFINING):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        return not any(isinstance(sub, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr))
                       for sub in ast.walk(node.value))
    return False
