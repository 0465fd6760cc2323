"""Static scan of a submission for code that reaches into grading, run outside the kernel.

No score depends on it (the scores are computed outside the kernel, ``verdict.py``): it flags
the submission for the instructor to look at. It reads the submitted cells in the grader's
own process and looks for what an honest answer has no reason to contain:

- assigning to (or ``setattr``/``delattr`` on) attributes of modules and library classes:
  ``torch.allclose = ...``, ``torch.Tensor.__eq__ = ...``, ``checks.check_close = ...``;
- reaching into the interpreter or the kernel: ``builtins``/``__builtins__``, ``sys.modules``,
  ``get_ipython()``, ``ctypes``, ``gc``, ``inspect``, frames and code objects
  (``__code__``, ``__globals__``, ``f_back`` ...), ``__class__`` assignment;
- running generated code: ``exec``, ``eval``, ``compile``, ``__import__``, ``importlib``.

Each finding names the cell, the line and the construct. IPython magics and shell escapes
are not Python; they are left to the sandbox.
"""
import ast
from dataclasses import dataclass

from nbgrader import utils

FORBIDDEN_MODULES = {"builtins", "ctypes", "gc", "inspect", "importlib", "cffi", "_ctypes"}
FORBIDDEN_CALLS = {"exec", "eval", "compile", "__import__", "get_ipython", "globals", "vars", "setattr",
                   "delattr", "breakpoint", "locals"}
FORBIDDEN_ATTRIBUTES = {"__builtins__", "__code__", "__globals__", "__closure__", "__dict__", "__class__",
                        "__subclasses__", "__bases__", "__mro__", "__func__", "__self__", "f_back", "f_globals",
                        "f_locals", "gi_frame", "tb_frame", "__getattribute__", "__torch_function__",
                        "__torch_dispatch__", "modules", "_execution_engine", "_getframe", "settrace",
                        "setprofile", "get_ipython", "f_locals"}
LIBRARIES = {"torch", "nn", "F", "np", "numpy", "math", "checks", "course", "probes", "optim", "sys", "builtins"}
# Attributes an honest answer may set on library objects.
ALLOWED_ASSIGNED_ATTRIBUTES = {"grad", "data", "requires_grad", "deterministic", "benchmark"}


@dataclass(frozen=True)
class Finding:
    cell: str
    line: int
    what: str

    def __str__(self):
        return f"cell '{self.cell}', line {self.line}: {self.what}"


def _root_name(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.value if not isinstance(node, ast.Call) else node.func
    return node.id if isinstance(node, ast.Name) else None


def _assigned(target):
    """What an assignment target writes to: ``a.b[i] = v`` writes into ``a.b`` (not into ``i``)."""
    if isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _assigned(element)
    elif isinstance(target, ast.Starred):
        yield from _assigned(target.value)
    else:
        while isinstance(target, ast.Subscript):
            target = target.value
        yield target


# Cell magics whose body is Python (``%%capture`` must not hide code from the scan).
PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun", "debug"}


def _python_source(source):
    """The cell without IPython magics and shell escapes (which are not Python); the body of a
    cell magic that runs Python is scanned like any cell."""
    lines = []
    if source.lstrip().startswith("%%"):
        first, _, body = source.lstrip().partition("\n")
        if first[2:].split(" ")[0] not in PYTHON_CELL_MAGICS:
            return ""
        source = body
    for line in source.splitlines():
        stripped = line.lstrip()
        lines.append("" if stripped.startswith(("%", "!")) else line)
    return "\n".join(lines)


def scan_source(source, cell="cell"):
    """Findings in one cell's code (an empty list for honest code)."""
    try:
        tree = ast.parse(_python_source(source))
    except SyntaxError:
        return []           # it cannot run either; the tests will say so
    findings = []
    libraries = LIBRARIES | _aliases(tree)

    def add(node, what):
        findings.append(Finding(cell, getattr(node, "lineno", 0), what))

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                if name.split(".")[0] in FORBIDDEN_MODULES:
                    add(node, f"imports {name}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FORBIDDEN_MODULES:
                continue
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
            add(node, f"calls {node.func.id}()")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            add(node, f"uses .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in ("__builtins__", "__loader__", "__spec__"):
            add(node, f"uses {node.id}")
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                for sub in _assigned(target):
                    if (isinstance(sub, ast.Attribute) and _root_name(sub) in libraries
                            and sub.attr not in ALLOWED_ASSIGNED_ATTRIBUTES):
                        add(node, f"replaces {ast.unparse(sub)}")
                    elif isinstance(sub, ast.Name) and sub.id in LIBRARIES:
                        add(node, f"rebinds the name {sub.id}")
            value = getattr(node, "value", None)
            if isinstance(value, ast.Name) and value.id in FORBIDDEN_CALLS | {"__builtins__"}:
                add(node, f"gives {value.id} another name")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in LIBRARIES:
            add(node, f"defines a new '{node.name}', hiding the library of that name")
    return findings


def _aliases(tree):
    """Other names a cell gives the libraries (``import torch as T``, ``from course import checks as c``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.asname for a in node.names if a.asname and a.name.split(".")[0] in LIBRARIES | {"course"}}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in LIBRARIES | {"course"}:
            names |= {a.asname or a.name for a in node.names}
    return names


def student_cells(nb):
    """Code cells a student can change: answer cells and cells that are not part of grading."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if utils.is_grade(cell) and not utils.is_solution(cell):
            continue        # test cells: nbgrader restores them from the gradebook
        if utils.is_locked(cell):
            continue
        meta = cell.metadata.get("nbgrader", {})
        yield meta.get("grade_id") or f"cell {index + 1}", cell


def scan_notebook(nb, instructor_code=()):
    """Findings in every cell a student could have written; cells whose code is exactly the
    instructor's (``instructor_code``: the code cells of the source notebook) are skipped."""
    known = {c.strip() for c in instructor_code}
    findings = []
    for name, cell in student_cells(nb):
        if cell.source.strip() not in known:
            findings += scan_source(cell.source, name)
    return findings
