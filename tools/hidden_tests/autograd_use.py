"""Whether an answer reaches torch.autograd, read from its code (no student code runs here).

The worker also runs the answer with the autograd engine trapped (``probes``), but a
submission can undo a trap in its own process; it cannot undo what its source says. The scan
covers the answer cell and, transitively, the helpers it names from the student's other cells.
"""
import ast

from tools.hidden_tests import answer_code

# Attribute and import names through which reverse-mode autograd, or a way around a scan, is reached.
ATTRIBUTES = {"backward", "autograd", "func", "functorch", "_execution_engine", "run_backward",
              "vjp", "jvp", "jacrev", "jacfwd", "hessian", "inference_mode", "_C", "__dict__", "__class__",
              "__globals__", "__builtins__", "modules"}
NAMES = {"__import__", "exec", "eval", "compile", "getattr", "globals", "vars", "locals", "importlib",
         "functorch", "__builtins__", "get_ipython", "sys"}
WORDS = ("autograd", "backward", "functorch", "torch.func")


def in_code(code, function):
    """A short description of the first route to autograd in ``function``'s code, or ''."""
    for node in answer_code.statements(code, skip={function}):
        found = _route(node)
        if found:
            return found
    return ""


def _forbidden_module(name):
    return (any(word in name for word in ("autograd", "functorch", "importlib")) or name in ("sys", "torch.func")
            or name.startswith("torch.func."))


def _route(node):
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr in ATTRIBUTES:
            return f"`.{sub.attr}`"
        if isinstance(sub, ast.Name) and sub.id in NAMES:
            return f"`{sub.id}`"
        if isinstance(sub, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in sub.names] + ([sub.module] if isinstance(sub, ast.ImportFrom) and sub.module else [])
            if any(_forbidden_module(m) for m in modules):
                return f"an import of {', '.join(modules)}"
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and any(w in sub.value for w in WORDS):
            return f"the string {sub.value[:40]!r}"
    return ""
