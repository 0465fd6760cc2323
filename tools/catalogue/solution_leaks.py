"""Working solutions of graded exercises that students receive under another name.

Every function or class a release defines outside its answer cells (``release/<id>/<id>.ipynb``),
and every public one of ``course/`` (the package ships with every release), is graded with the
code-calling hidden tests of each graded exercise, of that and earlier assignments, whose
signature it fits. One that loses none of the exercise's test cells answers it: a leak, however
it is named and worded.

Fitting is about how the tests call. Both sides must require as many parameters; the
exercise's are matched to the candidate's by name, then the rest by position, so a copy with
renamed arguments still fits (an optional one of the exercise without a partner is dropped, one
of the candidate keeps its default). A function that returns nothing cannot answer one that
returns something. A class fits a class exercise when its ``__init__`` does and it has each
method of the exercise's skeleton, fitting too. Graded, the candidate is what a student would
paste: its code and the helpers, imports and assignments of its release it names (as released:
an answer cell there is the student's unanswered skeleton), then the exercise's name defined as
a call of it, in the answer cell of the exercise's reference submission
(``tools.catalogue.quick``). The adapter also tries what an adaptation of a few keystrokes
would: an argument the candidate reads as a mapping (``.items()``) handed as a one-entry dict
named after the exercise's parameter (``val_loader`` -> ``{"val": val_loader}``), and each
element of a tuple it returns where the exercise returns one value.

Not found: a copy whose arguments are both renamed and reordered (positions decide), and code
outside any function or class (a training loop written out in a cell is no candidate).
"""
import ast
import itertools
from dataclasses import dataclass, field
from functools import lru_cache

from tools.catalogue import quick, submissions
from tools.common.paths import REPO, assignments
from tools.grader import student_code
from tools.hidden_tests.answer_code import defined_names

CALL_SECONDS = 60            # a call of a fitting candidate (the probes are small; the machine may be busy)
ALIAS = "_leak_candidate"


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    keyword_only: bool = False


def params_of(args, method=False):
    """The parameters of an ``ast.arguments`` (without ``self`` for a method); ``*args`` and
    ``**kwargs`` are left out."""
    positional = args.posonlyargs + args.args
    first_default = len(positional) - len(args.defaults)
    found = [Param(a.arg, i < first_default) for i, a in enumerate(positional)]
    found += [Param(a.arg, d is None, True) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    return tuple(found[1:] if method else found)


def mapping(wanted, offered):
    """Exercise parameter -> candidate parameter, or None when they do not fit."""
    names = {p.name for p in offered}
    matched = {w.name: w.name for w in wanted if w.name in names}
    free = [p for p in offered if p.name not in matched and not p.keyword_only]
    for w in wanted:
        if w.name not in matched and free:
            matched[w.name] = free.pop(0).name
    used = set(matched.values())
    if any(p.required and p.name not in used for p in offered):
        return None
    if any(w.required and w.name not in matched for w in wanted):
        return None
    return matched


def _methods(node):
    return {n.name: n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _init_params(node):
    init = _methods(node).get("__init__")
    return params_of(init.args, method=True) if init else ()


@dataclass
class Exercise:
    assignment: str
    name: str              # the answer cell's grade id
    node: object           # the skeleton's def or class, in the release's answer cell
    returns: frozenset = frozenset()   # what the solution returns (see ``_returns``)

    def __str__(self):
        return f"{self.assignment}:{self.name}"


@dataclass
class Candidate:
    origin: str            # "release/06_dropout" or "course/regularization.py"
    node: object
    code: list             # what is pasted before the adapter: the candidate and what it needs

    @property
    def name(self):
        return self.node.name

    def __str__(self):
        return f"{self.origin}:{self.name}"


@dataclass
class Fit:
    """How a candidate is called as an exercise: parameter mapping(s) and adaptations."""
    candidate: Candidate
    exercise: Exercise
    params: dict                                  # exercise parameter -> candidate parameter
    methods: dict = field(default_factory=dict)   # class: method -> its parameter mapping

    def variants(self):
        """(wrapped, pick): the candidate parameters handed as one-entry dicts, and the element
        of a returned tuple to return (None: the result itself)."""
        if isinstance(self.candidate.node, ast.ClassDef):
            return [((), None)]
        mapped = set(self.params.values())
        wraps = [()] + ([tuple(sorted(read))] if (read := _read_as_mapping(self.candidate.node) & mapped) else [])
        return list(itertools.product(wraps, _picks(_returns(self.candidate.node), self.exercise.returns)))

    def answer(self, variant):
        """The answer cell: the candidate's code, then the exercise's name calling it."""
        return "\n\n".join(self.candidate.code + [f"{ALIAS} = {self.candidate.name}", self._adapter(variant)]) + "\n"

    def _adapter(self, variant):
        wrapped, pick = variant
        node = self.exercise.node
        if isinstance(node, ast.ClassDef):
            init = _methods(node).get("__init__")
            lines = [f"class {node.name}({ALIAS}):",
                     f"    def __init__({ast.unparse(init.args) if init else 'self'}):",
                     f"        {ALIAS}.__init__(self, {_call_args(self.params, (), self.candidate_params())})"]
            for name, params in self.methods.items():
                offered = params_of(_methods(self.candidate.node)[name].args, method=True)
                lines += [f"    def {name}({ast.unparse(_methods(node)[name].args)}):",
                          f"        return {ALIAS}.{name}(self, {_call_args(params, (), offered)})"]
            return "\n".join(lines)
        result = "_result" if pick is None else f"_result[{pick}]"
        return (f"def {node.name}({ast.unparse(node.args)}):\n"
                f"    _result = {ALIAS}({_call_args(self.params, wrapped, self.candidate_params())})\n"
                f"    return {result}")

    def candidate_params(self):
        node = self.candidate.node
        return _init_params(node) if isinstance(node, ast.ClassDef) else params_of(node.args)

    def describe(self, variant):
        wrapped, pick = variant
        said = ", ".join(f"{e}->{c}" for e, c in self.params.items() if e != c)
        said += "".join(f", {c} as a one-entry dict" for c in wrapped)
        said += f", element {pick} of its result" if pick is not None else ""
        return said.strip(", ") or "as is"


def _call_args(params, wrapped, offered):
    """The call of the candidate: positionally while its parameters are mapped in order, then by
    keyword."""
    by_candidate = {c: e for e, c in params.items()}
    parts, positional = [], True
    for p in offered:
        if p.name not in by_candidate:
            positional = False
            continue
        e = by_candidate[p.name]
        value = f"{{{e.split('_')[0]!r}: {e}}}" if p.name in wrapped else e
        parts.append(value if positional and not p.keyword_only else f"{p.name}={value}")
    return ", ".join(parts)


def _own_nodes(function):
    """The nodes of a function's body, not those of functions or classes nested in it."""
    todo = list(function.body)
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))


def _read_as_mapping(function):
    """Parameters the function calls ``.items()``, ``.keys()`` or ``.values()`` on."""
    names = {p.name for p in params_of(function.args)}
    return {n.func.value.id for n in _own_nodes(function)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("items", "keys", "values")
            and isinstance(n.func.value, ast.Name) and n.func.value.id in names}


def _returns(function):
    """The shapes a function returns: the size of each tuple it returns, 1 for another value;
    empty when it returns nothing (or is a generator)."""
    nodes = list(_own_nodes(function))
    if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in nodes):
        return frozenset()
    return frozenset(len(n.value.elts) if isinstance(n.value, ast.Tuple) else 1
                     for n in nodes if isinstance(n, ast.Return) and n.value is not None)


def _picks(offered, wanted):
    """How a result shaped ``offered`` is returned as one shaped ``wanted``: whole (None) when
    the shapes agree, or an element of a tuple where one value is wanted; none fit when the
    candidate returns nothing and the exercise something."""
    if not wanted:
        return [None]
    picks = [None] if offered & wanted else []
    if wanted == {1}:
        picks += list(range(max((k for k in offered if k > 1), default=0)))
    return picks


def fit(candidate, exercise):
    """The candidate called as the exercise, or None when its signature does not fit."""
    theirs, wanted = candidate.node, exercise.node
    if isinstance(theirs, ast.ClassDef) != isinstance(wanted, ast.ClassDef):
        return None
    if not isinstance(wanted, ast.ClassDef):
        params = _fitting(params_of(wanted.args), params_of(theirs.args))
        found = None if params is None else Fit(candidate, exercise, params)
        return found if found is not None and found.variants() else None
    params = _fitting(_init_params(wanted), _init_params(theirs))
    if params is None:
        return None
    offered, methods = _methods(theirs), {}
    for name, skeleton in _methods(wanted).items():
        if name.startswith("__"):
            continue
        if name not in offered:
            return None
        method = _fitting(params_of(skeleton.args, method=True), params_of(offered[name].args, method=True))
        if method is None:
            return None
        methods[name] = method
    return Fit(candidate, exercise, params, methods)


def _fitting(wanted, offered):
    """The mapping, where both sides require as many parameters."""
    if sum(p.required for p in wanted) != sum(p.required for p in offered):
        return None
    return mapping(wanted, offered)


# --- what students receive ---------------------------------------------------------------

def _code_cells(nb):
    """(kind, cell) of each code cell: "answer", "test" or "" (shown as is)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            meta = cell.metadata.get("nbgrader", {})
            yield ("answer" if meta.get("solution") else "test" if meta.get("grade") else ""), cell


def _statements(source):
    return [(chunk, tree) for chunk in student_code.definitions(source)
            if (tree := _parse(chunk)) is not None]


def _parse(chunk):
    try:
        return ast.parse(chunk)
    except (SyntaxError, ValueError):
        return None


def release_candidates(nb, origin):
    """The top-level functions and classes of a notebook's cells other than its answer cells
    (test cells included: what a visible check defines is received too), each with the
    definitions of the notebook it names, transitively, in the notebook's order."""
    definitions = [s for _, cell in _code_cells(nb) for s in _statements(cell.source)]
    defined = {}
    for index, (_, tree) in enumerate(definitions):
        for node in tree.body:
            for name in defined_names(node):
                defined.setdefault(name, []).append(index)
    found = []
    for kind, cell in _code_cells(nb):
        if kind == "answer":
            continue
        for _, tree in _statements(cell.source):
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    needed = _closure(node, definitions, defined)
                    found.append(Candidate(origin, node, [definitions[i][0] for i in sorted(needed)]))
    return found


def _closure(node, definitions, defined):
    """Indices of the definitions a node names, transitively, its own name's included."""
    needed, todo = set(defined.get(node.name, [])), [node] + [definitions[i][1] for i in defined.get(node.name, [])]
    while todo:
        for sub in ast.walk(todo.pop()):
            if isinstance(sub, ast.Name):
                for index in defined.get(sub.id, []):
                    if index not in needed:
                        needed.add(index)
                        todo.append(definitions[index][1])
    return needed


def course_candidates():
    """The public top-level functions and classes of the ``course`` package, imported."""
    found = []
    for path in sorted((REPO / "course").rglob("*.py")):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                found.append(Candidate(str(path.relative_to(REPO)), node, [f"from {module} import {node.name}"]))
    return found


@lru_cache(maxsize=None)
def release_notebook(aid):
    return submissions.read(REPO / "release" / aid / f"{aid}.ipynb")


@lru_cache(maxsize=None)
def exercises(aid):
    """The graded exercises of an assignment that its hidden tests call, with their skeletons."""
    from tools.hidden_tests import suite_for
    suite = suite_for(aid)
    calling = {t.exercise for t in suite.tests.values() if t.calls_code}
    found = []
    for kind, cell in _code_cells(release_notebook(aid)):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if kind != "answer" or grade_id not in calling:
            continue
        nodes = [n for _, tree in _statements(cell.source) for n in tree.body
                 if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        named = [n for n in nodes if n.name.replace("_", "").lower() == grade_id.replace("_", "").lower()]
        node = (named or nodes)[0]
        found.append(Exercise(aid, grade_id, node, _solution_returns(aid, node.name)))
    return tuple(found)


@lru_cache(maxsize=None)
def _source(aid):
    return submissions.read(REPO / "source" / aid / f"{aid}.ipynb")


def _solution_returns(aid, name):
    """What the source notebook's solution of ``name`` returns (nothing for a class)."""
    for kind, cell in _code_cells(_source(aid)):
        for _, tree in _statements(submissions.strip_solution_delimiters(cell.source)) if kind == "answer" else []:
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name == name:
                    return _returns(node)
    return frozenset()


@lru_cache(maxsize=None)
def _reference(aid):
    return quick.reference_notebook(aid)


@dataclass
class Graded:
    fit: Fit
    variant: tuple
    lost: dict             # test cell -> message; empty: the candidate answers the exercise

    @property
    def leaks(self):
        return not self.lost

    def __str__(self):
        how = self.fit.describe(self.variant)
        return f"{self.fit.candidate} answers {self.fit.exercise} ({how})"


def grade(fit, worker):
    """Each variant of the fit until one passes: the last one graded."""
    graded = None
    for variant in fit.variants():
        nb = submissions.apply_case(_reference(fit.exercise.assignment),
                                    submissions.Case(fit.exercise.assignment, "leak", fit.exercise.name,
                                                     "alternative", fit.answer(variant)))
        lost = quick.lost_cells(fit.exercise.assignment, {"leak": nb}, worker, exercise=fit.exercise.name)["leak"]
        graded = Graded(fit, variant, lost)
        if graded.leaks:
            break
    return graded


def fits(candidates, wanted):
    return [f for c in candidates for e in wanted if (f := fit(c, e)) is not None]


def graded_fits(worker, releases=None, course=True):
    """Every fit of the releases' candidates (``releases``: id -> notebook, all by default) to
    the exercises of their assignment and the earlier ones, and of ``course``'s to all, graded."""
    ids = assignments(REPO / "source")
    releases = releases if releases is not None else {aid: release_notebook(aid) for aid in ids}
    found = []
    for aid, nb in releases.items():
        earlier = [e for other in ids if other <= aid for e in exercises(other)]
        found += fits(release_candidates(nb, f"release/{aid}"), earlier)
    if course:
        found += fits(course_candidates(), [e for aid in ids for e in exercises(aid)])
    seconds, worker.seconds = worker.seconds, CALL_SECONDS
    try:
        return [grade(f, worker) for f in found]
    finally:
        worker.seconds = seconds


if __name__ == "__main__":
    from tools.grader.worker_process import Worker
    worker = Worker(sandboxed=False)
    try:
        for graded in graded_fits(worker):
            print(("LEAK " if graded.leaks else "ok   ") + str(graded)
                  + ("" if graded.leaks else f": loses {', '.join(sorted(graded.lost))}"))
    finally:
        worker.stop()
