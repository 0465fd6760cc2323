"""No release, and nothing in the course package, hands students a working solution of a graded
exercise of that or an earlier assignment, whatever its name (tools/catalogue/solution_leaks.py).
One grading worker for the module: the hidden tests grade each candidate in seconds."""
import ast

import nbformat
import pytest

from conftest import REPO
from tools.catalogue import solution_leaks, submissions
from tools.grader.worker_process import Worker

pytestmark = pytest.mark.xdist_group("solution_leaks")        # one module, one worker, one import of torch


@pytest.fixture(scope="module")
def worker():
    started = Worker(sandboxed=False)
    yield started
    started.stop()


def test_no_release_or_course_function_answers_a_graded_exercise(worker):
    graded = solution_leaks.graded_fits(worker)
    assert len(graded) > 20, "hardly anything fitted an exercise: the search itself is broken"
    leaks = [str(g) for g in graded if g.leaks]
    assert leaks == [], "students receive working answers to graded exercises:\n" + "\n".join(leaks)


def _copy(aid, exercise, name, arguments, pair=False):
    """A student's copy of the source solution of ``exercise``: renamed, its arguments renamed,
    and (``pair``) returning its result as the first of two values."""
    source = submissions.read(REPO / "source" / aid / f"{aid}.ipynb")
    tree = ast.parse(submissions.strip_solution_delimiters(submissions.answer_cell(source, exercise).source))
    function = next(n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == exercise)
    signature = function if isinstance(function, ast.FunctionDef) else next(
        n for n in function.body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    renamed = dict(zip([a.arg for a in signature.args.args if a.arg != "self"], arguments))
    for node in ast.walk(signature):
        if isinstance(node, ast.arg) and node.arg in renamed:
            node.arg = renamed[node.arg]
        elif isinstance(node, ast.Name) and node.id in renamed:
            node.id = renamed[node.id]
        elif isinstance(node, ast.Return) and pair:
            node.value = ast.Tuple([node.value, ast.Constant("seen")], ast.Load())
    function.name = name
    return ast.unparse(function)


HONEST = '''def accuracy_as_trained(net, data, where="cpu"):
    """Accuracy with the network as it trains (dropout on): not what evaluate_model measures."""
    net.train()
    correct = seen = 0
    for x, y in data:
        correct += (net(x.to(where)).argmax(1) == y.to(where)).sum().item()
        seen += len(y)
    return correct / seen
'''
NOT_FITTING = '''def summary(a, b, c, d, e, f, g, h):
    return {"train_loss": [a, b], "train_acc": [c, d]}
'''


def _later_release(*codes):
    cells = [nbformat.v4.new_markdown_cell("# A later assignment"),
             nbformat.v4.new_code_cell("import copy\n\nimport torch\nfrom torch import nn")]
    cells += [nbformat.v4.new_code_cell(code) for code in codes]
    return nbformat.v4.new_notebook(cells=cells)


def test_a_renamed_copy_is_caught_and_an_honest_helper_is_not(worker):
    trainer = _copy("03_linear_vs_mlp", "train_model", "fit_classifier", ["net", "batches", "criterion", "opt", "epochs", "dev"])
    scorer = _copy("03_linear_vs_mlp", "evaluate_model", "score", ["net", "data", "where"], pair=True)
    stopper = _copy("05_early_stopping", "EarlyStopping", "Patience", ["wait", "tolerance"])
    release = _later_release(trainer, scorer, stopper, HONEST, NOT_FITTING)
    graded = solution_leaks.graded_fits(worker, releases={"99_later": release}, course=False)
    by_pair = {(g.fit.candidate.name, g.fit.exercise.name): g for g in graded}
    leaks = [by_pair[("fit_classifier", "train_model")], by_pair[("score", "evaluate_model")],
             by_pair[("Patience", "EarlyStopping")]]
    assert all(g.leaks for g in leaks)
    assert by_pair[("score", "evaluate_model")].variant == ((), 0)        # the first of the pair
    honest = by_pair[("accuracy_as_trained", "evaluate_model")]
    assert not honest.leaks and "test_evaluate_model_modes" in honest.lost
    assert not any(name == "summary" for name, _ in by_pair)
    assert sorted(str(g) for g in graded if g.leaks) == sorted(str(g) for g in leaks)


def test_what_fits_an_exercise():
    train_model = next(e for e in solution_leaks.exercises("03_linear_vs_mlp") if e.name == "train_model")
    candidates = {c.name: c for c in solution_leaks.release_candidates(_later_release(
        HONEST, NOT_FITTING, "def reordered(loss_fn, model, optimizer, loader, num_epochs):\n    return {}\n",
        "def plots(model, loader, loss_fn, optimizer, num_epochs):\n    print(model)\n",
        "def watch(model, loss_fn, loaders, num_epochs, optimizer, title=''):\n"
        "    return {k: [] for k in loaders.items()}, model\n"), "release/99_later")}
    assert solution_leaks.fit(candidates["summary"], train_model) is None          # eight required arguments
    assert solution_leaks.fit(candidates["plots"], train_model) is None            # returns nothing
    reordered = solution_leaks.fit(candidates["reordered"], train_model)           # matched by name first
    assert reordered.params == {"model": "model", "loader": "loader", "loss_fn": "loss_fn",
                                "optimizer": "optimizer", "num_epochs": "num_epochs"}
    watch = solution_leaks.fit(candidates["watch"], train_model)
    assert watch.params["loader"] == "loaders"
    # Tried as is and with a one-entry dict, returning each of its two values.
    assert watch.variants() == [((), 0), ((), 1), (("loaders",), 0), (("loaders",), 1)]
    assert "_leak_candidate(model, loss_fn, {'loader': loader}, num_epochs, optimizer, device)" in watch.answer((("loaders",), 0))
