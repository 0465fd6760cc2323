"""An answer's code as a hidden test reads it, as text (no student code runs here): the
statements of the answer cell and, transitively, of the helpers they name from the student's
other cells, for scans that look for what an answer may not use (``autograd_use``, ``a06_dropout.builtin_dropout``)."""
import ast


def statements(code, skip=()):
    """The top-level statements of the answer, then of each helper they name, each once.
    Names in ``skip`` are not followed: the function itself, and pieces the grader replaces
    with reference versions."""
    trees = [t for t in (_parse(chunk) for chunk in code.get("answer", []) + code.get("definitions", [])) if t]
    defined = {}
    for tree in trees:
        for node in tree.body:
            for name in defined_names(node):
                defined.setdefault(name, []).append(node)
    answer = [t for t in (_parse(chunk) for chunk in code.get("answer", [])) if t]
    todo, seen = [n for t in answer for n in t.body], set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and sub.id in defined and sub.id not in skip:
                todo.extend(defined[sub.id])


def _parse(chunk):
    try:
        return ast.parse(chunk)
    except (SyntaxError, ValueError):
        return None


def defined_names(node):
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [t.id for t in targets if isinstance(t, ast.Name)]
    return []
