"""Whether an answer names PyTorch's own dropout, read from its code (no student code runs here).

The worker also runs the answer with PyTorch's dropout watched (``probes``), but a submission
can undo a watch in its own process; it cannot undo what its source says. The scan covers the
answer cell and, transitively, the helpers it names from the student's other cells, except the
names the grader replaces with reference versions (``skip``).
"""
import ast

from tools.hidden_tests import answer_code

# PyTorch's dropout functions and layers: as an attribute (F.dropout, torch.dropout, nn.Dropout)
# or imported by name. An attribute of `self` is the student's own (self.dropout = Dropout(p)).
BUILTIN = {"dropout", "dropout_", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "alpha_dropout_",
           "feature_dropout", "feature_dropout_", "feature_alpha_dropout", "native_dropout",
           "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"}
# Ways around the scan: an attribute looked up by a computed name, or PyTorch's internals.
EVASIVE_ATTRIBUTES = {"_VF", "_C", "__dict__", "__getattribute__"}
EVASIVE_NAMES = {"getattr", "__import__", "eval", "exec", "compile", "importlib", "vars", "globals"}


def in_code(code, skip):
    """A short description of the first use of PyTorch's dropout in the answer, or ''."""
    for node in answer_code.statements(code, skip):
        found = _use(node)
        if found:
            return found
    return ""


def _use(node):
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute):
            on_self = isinstance(sub.value, ast.Name) and sub.value.id == "self"
            if (sub.attr in BUILTIN and not on_self) or sub.attr in EVASIVE_ATTRIBUTES:
                return f"`{ast.unparse(sub)}`"
        if isinstance(sub, ast.Name) and sub.id in EVASIVE_NAMES:
            return f"`{sub.id}`"
        if isinstance(sub, ast.ImportFrom) and (sub.module or "").startswith("torch") \
                and any(alias.name in BUILTIN for alias in sub.names):
            return f"`from {sub.module} import {', '.join(alias.name for alias in sub.names)}`"
        if isinstance(sub, (ast.Import, ast.ImportFrom)) and any("importlib" in alias.name for alias in sub.names):
            return "an import of importlib"
    return ""
