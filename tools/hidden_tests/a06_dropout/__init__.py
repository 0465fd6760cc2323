"""Hidden tests of 06_dropout: one per graded test cell (see ``tools.hidden_tests``).

Dropout's masks come from the worker's random numbers, which this process cannot reproduce:
the tests judge what comes back by its properties (fraction zeroed over many elements, each
survivor exactly x / (1 - p), independence between rows, columns and neighbours), and
compare exactly only what no coin decides (eval mode, p = 0, p = 1, the MLP's eval scores)."""
import torch

from course.checks import check, check_close, check_finite, fail
from tools.hidden_tests.a06_dropout import builtin_dropout, probes, reference as ref
from tools.hidden_tests.harness import StudentRaised, Suite

suite = Suite(reference=ref, probes=probes, exercises={
    "dropout_numbers": [],
    "dropout": [],
    "dropout_module": ["dropout"],
    "dropout_mlp": ["dropout", "Dropout"],
})


@suite.test("test_dropout_numbers", exercise="dropout_numbers",
            values=["survivor_value", "expected_output", "expected_dropped"])
def test_dropout_numbers(student):
    answers = {name: student.value(name) for name in ("survivor_value", "expected_output", "expected_dropped")}
    for name, value in answers.items():
        check(type(value) in (float, int), f"{name} should be a number, got {_kind(value)}.")
    check_close("survivor_value", answers["survivor_value"], 4.0, rtol=1e-4, likely={
        "that is the output without inverted scaling; survivors are divided by 1 - p.": 3.0,
        "survivors are divided by (1 - p), not multiplied: 3 / 0.75.": 2.25,
        "the scale is 1 / (1 - p), not 1 / p.": 12.0,
    })
    check_close("expected_output", answers["expected_output"], 3.0, rtol=1e-4, likely={
        "(1 - p) * a is the expected output without the inverted scaling; with it the expectation is a.": 2.25,
        "that is the survivor's value; average over the coin: (1 - p) * a / (1 - p).": 4.0,
    })
    check_close("expected_dropped", answers["expected_dropped"], 128, rtol=1e-4, likely={
        "that is the number of units kept (1 - p of them); p of them are dropped.": 384,
    })


@suite.test("test_dropout", exercise="dropout")
def test_dropout(student):
    _check_worked_example(student)
    gen = torch.Generator().manual_seed(606)
    for dtype, rtol in ((torch.float64, 1e-12), (torch.float32, 1e-6)):
        for p, shape in ((0.3, (400, 250)), (0.6, (250, 400))):
            x = ((torch.rand(shape, generator=gen, dtype=torch.float64) + 0.5)
                 * (torch.randint(0, 2, shape, generator=gen) * 2 - 1)).to(dtype)
            _check_large_tensor(student, x, p, rtol)
    for shape in ((20000,), (20, 25, 40)):
        out = student.call("dropout", torch.full(shape, 2.0, dtype=torch.float64), 0.5)
        check(_shape(out) == shape, f"dropout should keep the shape {shape}, got {_shape(out)}.")
        zeroed = (out == 0).double().mean().item()
        check(abs(zeroed - 0.5) < 0.015, f"dropout with p=0.5 on shape {shape} zeroed {zeroed:.1%} of the "
                                         f"elements; expected about 50%.")
        check_close(f"kept elements on shape {shape} (x = 2, p = 0.5)", out[out != 0].unique(), [4.0], rtol=1e-12)
    first, second = (student.call("dropout", torch.ones(50, 40), 0.5) for _ in range(2))
    check(_shape(first) == _shape(second) == (50, 40) and not bool((first == second).all()),
          "two calls of dropout on ones(50, 40) with p=0.5 gave the same mask: draw a new one on every call.")


def _check_worked_example(student):
    """The notebook's visible check: ones(1000, 100) with p = 0.3."""
    out = student.call("dropout", torch.ones(1000, 100), 0.3)
    check(_shape(out) == (1000, 100), f"dropout should keep the shape (1000, 100), got {_shape(out)}.")
    zeroed = (out == 0).double().mean().item()
    check(zeroed > 0, "dropout(ones(1000, 100), 0.3) zeroed nothing; about 30% of the elements should be zero.")
    check(not bool((out == out[0:1]).all()),
          "every row of dropout(ones(1000, 100), 0.3) has its zeros in the same places: draw a mask of x's full "
          "shape (one coin per element), not one mask for the whole batch.")
    check(0.29 < zeroed < 0.31, f"with p = 0.3 about 30% of the elements should be zero, got {zeroed:.1%}."
          + (" Likely mistake: p is the probability of dropping an element, not of keeping it."
             if 0.69 < zeroed < 0.71 else ""))
    check_close("the kept elements (x = 1, p = 0.3)", out[out != 0][:5], [1 / 0.7] * 5, rtol=1e-5, likely={
        "the survivors are not scaled: divide them by 1 - p.": [1.0] * 5,
        "the survivors are multiplied by 1 - p; divide instead.": [0.7] * 5,
    })


def _check_large_tensor(student, x, p, rtol):
    """Statistics only (never exact masks) of dropout(x, p) on a large 2-D tensor."""
    shape, dtype = tuple(x.shape), x.dtype
    where = f"(p={p}, shape {shape}, {dtype})"
    report = student.probe("dropout_and_input", x.clone(), p)
    out = report["out"]
    check(isinstance(out, torch.Tensor) and _shape(out) == shape,
          f"dropout {where} should return a tensor of shape {shape}, got {_kind(out)}.")
    check(out.dtype == dtype, f"dropout {where} should keep the dtype {dtype}, got {out.dtype}.")
    check(torch.equal(report["x_after"], x),
          f"dropout {where} changed its input x: build the result as a new tensor instead of writing into x.")
    kept = out != 0
    check(not bool((kept == kept[0:1]).all()), f"dropout {where} dropped the same elements in every row: draw a "
                                               f"mask of x's full shape, not one mask shared by the whole batch.")
    check(not bool((kept == kept[:, 0:1]).all()),
          f"dropout {where} made one decision per row: every element needs its own coin.")
    zeroed = 1.0 - kept.double().mean().item()
    check(abs(zeroed - p) < 0.01, f"dropout {where} zeroed {zeroed:.1%} of the elements; expected about {p:.0%}."
          + (" Likely mistake: elements are *kept* with probability p; p is the drop probability."
             if abs(zeroed - (1 - p)) < 0.01 else ""))
    check_close(f"kept elements {where}", out[kept], x[kept] / (1 - p), rtol=rtol, atol=0, likely={
        "the survivors are not scaled: divide them by 1 - p.": x[kept],
        "the survivors are multiplied by 1 - p; divide instead.": x[kept] * (1 - p),
        "the survivors are divided by p; the scale is 1 / (1 - p).": x[kept] / p,
    })
    # Independent coins: the counts kept per row and per column vary like binomials, and
    # neighbours are kept together (1 - p)^2 of the time.
    k = kept.double()
    for axis, name in ((1, "row"), (0, "column")):
        variance = k.sum(dim=axis).var().item()
        expected = shape[axis] * p * (1 - p)
        check(0.5 * expected < variance < 1.6 * expected,
              f"dropout {where}: the number of kept elements per {name} varies with variance {variance:.1f}, but "
              f"independent coins give about {expected:.1f}"
              + (" (every row keeps nearly the same number: the decisions are not independent, e.g. a fixed "
                 "number of positions is chosen)." if variance < 0.5 * expected else "."))
    pairs = (k[:, :-1] * k[:, 1:]).mean().item()
    check(abs(pairs - (1 - p) ** 2) < 0.012, f"dropout {where}: neighbouring elements are kept together "
                                             f"{pairs:.3f} of the time; independent coins give (1-p)^2 = "
                                             f"{(1 - p) ** 2:.3f}.")


@suite.test("test_dropout_special_cases", exercise="dropout")
def test_dropout_special_cases(student):
    small = torch.tensor([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
    check_close("dropout(x, 0.5, training=False)", student.call("dropout", small, 0.5, training=False), small, rtol=0)
    check_close("dropout(x, 0.0)", student.call("dropout", small, 0.0), small, rtol=0)
    gen = torch.Generator().manual_seed(607)
    for dtype in (torch.float64, torch.float32):
        x = torch.randn(30, 40, generator=gen, dtype=torch.float64).to(dtype)
        _check_identity_and_zeros(student, x)
    _check_p_one_gradient(student, torch.randn(5, 6, generator=gen, dtype=torch.float64))
    for p in (-0.1, 1.5, 2):
        try:
            student.call("dropout", torch.ones(3, 3), p)
            raised = None
        except StudentRaised as error:
            raised = error.type_name
        check(raised == "ValueError", f"dropout(x, p={p}) should raise ValueError (p must be in [0, 1]); "
                                      + ("nothing was raised." if raised is None else f"it raised {raised}."))
    for dtype, rtol in ((torch.float64, 1e-12), (torch.float32, 1e-5)):
        x = torch.randn(200, 50, generator=gen, dtype=torch.float64).to(dtype)
        weights = torch.randn(200, 50, generator=gen, dtype=torch.float64).to(dtype)
        _check_gradient(student, x, weights, 0.4, rtol)


def _check_identity_and_zeros(student, x):
    """Eval mode and p = 0 give x itself; p = 1 gives zeros, without NaN."""
    dtype = x.dtype
    for p in (0.0, 0.3, 0.9, 1.0):
        out = student.call("dropout", x.clone(), p, training=False)
        check(isinstance(out, torch.Tensor) and out.dtype == dtype,
              f"dropout(x, {p}, training=False) should return a tensor of x's dtype {dtype}, got {_kind(out)}.")
        check(not bool((out == 0).any()), f"dropout(x, {p}, training=False) zeroed {int((out == 0).sum())} "
                                          f"elements: with training=False (eval mode) dropout must not drop anything.")
        check_close(f"dropout(x, {p}, training=False) ({dtype})", out, x, rtol=0, atol=0)
    check_close(f"dropout(x, 0) ({dtype})", student.call("dropout", x.clone(), 0), x, rtol=0, atol=0)
    for p in (1, 1.0):
        out = student.call("dropout", x.clone(), p)
        check(isinstance(out, torch.Tensor) and _shape(out) == (30, 40) and out.dtype == dtype,
              f"dropout(x, {p!r}) should return zeros of x's shape (30, 40) and dtype {dtype}, got {_kind(out)}.")
        check_finite(f"dropout(x, p={p!r}) ({dtype}): dividing by 1 - p = 0 gives NaN; handle p == 1 separately", out)
        check_close(f"dropout(x, p={p!r}) ({dtype})", out, torch.zeros(30, 40), rtol=0, atol=0)


def _check_p_one_gradient(student, x):
    """p = 1 on a tensor that requires grad: zeros, and no NaN gradient if a graph was built."""
    report = student.probe("dropout_gradient", x, torch.full_like(x, 2.0), 1.0)
    if "failed" in report:
        fail(f"dropout(x, 1.0) failed on a tensor that requires grad ({report['failed']}). Build the result "
             f"from x with tensor operations instead of modifying x in place.")
    check_close("dropout(x, 1.0) on a tensor that requires grad", report["out"], torch.zeros(5, 6), rtol=0, atol=0)
    if report["grad"] is not None:
        check_finite("gradient through dropout(x, 1.0) (a division by 1 - p = 0 somewhere in the graph gives NaN "
                     "gradients even when the output is 0)", report["grad"])
        check_close("gradient through dropout(x, 1.0)", report["grad"], torch.zeros(5, 6), rtol=0, atol=0)


def _check_gradient(student, x, weights, p, rtol):
    """The gradient of sum(w * dropout(x, p)) reaches x and is w * d out / d x: 0 where the
    output is 0, the output's own factor out / x elsewhere (1 / (1 - p) for inverted dropout;
    whether the output is scaled right is test_dropout's to judge, not this one's)."""
    report = student.probe("dropout_gradient", x, weights, p)
    where = f"sum(w * dropout(x, {p})) with respect to x ({x.dtype})"
    if "failed" in report:
        fail(f"the gradient of {where} could not be computed ({report['failed']}). Build the result from x with "
             f"tensor operations instead of modifying x in place.")
    out, grad = report["out"], report["grad"]
    check(isinstance(out, torch.Tensor) and _shape(out) == tuple(x.shape),
          f"dropout(x, {p}) should return a tensor of shape {tuple(x.shape)}, got {_kind(out)}.")
    check(grad is not None, f"no gradient reached x through dropout(x, {p}): build the result from x with tensor "
                            f"operations (no .detach(), no torch.no_grad(), no .data).")
    kept = out != 0
    factor = torch.where(kept, out / x, torch.zeros_like(x))
    check_close(f"gradient of {where}", grad, weights * factor, rtol=rtol, atol=1e-7, likely={
        "the gradient misses the factor 1 / (1 - p): the scaling is applied outside the graph.": weights * kept,
        "the gradient is zero: the result does not depend on x in the graph.": torch.zeros_like(x),
    })


@suite.test("test_dropout_by_hand", exercise="dropout")
def test_dropout_by_hand(student):
    found = builtin_dropout.in_code(student.code, skip={"dropout"})
    if found:
        fail(f"dropout uses PyTorch's own dropout or a way around this check ({found}); the exercise is to "
             f"write it by hand, e.g. with a mask from torch.rand_like(x).")
    x = torch.ones(300, 200, dtype=torch.float64)
    report = student.probe("dropout_watched", [(x, 0.25), (torch.ones(10), 0.5)])
    calls = report["builtin_calls"]
    check(not calls, f"dropout called PyTorch's own dropout ({', '.join(sorted(set(calls)))}); the exercise is to "
                     f"write it by hand, e.g. with a mask from torch.rand_like(x).")
    out = report["results"][0]
    zeros = f" with {int((out == 0).sum())} zeros." if isinstance(out, torch.Tensor) else "."
    check(isinstance(out, torch.Tensor) and _shape(out) == (300, 200) and bool((out == 0).any())
          and bool((out != 0).any()), f"dropout(ones(300, 200), 0.25), run while PyTorch's dropout was watched, "
                                      f"should drop some elements and keep others; got {_kind(out)}{zeros}")


@suite.test("test_dropout_module", exercise="dropout_module")
def test_dropout_module(student):
    x_ones = torch.ones(200, 100)
    visible = student.probe("dropout_layer_modes", 0.5, x_ones)
    check(visible["is_module"] is True, "Dropout must be a subclass of nn.Module.")
    zeroed = _zeroed(visible["initial"])
    check(0.47 < zeroed < 0.53, f"in train mode (the default) Dropout(0.5) should zero about half of ones(200, 100), "
                                f"it zeroed {zeroed:.1%}.")
    _check_identity_in_eval_mode("Dropout(0.5) after .eval()", visible["eval"], x_ones)
    check(visible["parameters"] == [], f"Dropout should have no parameters; it has some, of shapes "
                                       f"{visible['parameters']}.")
    x = torch.randn(300, 200, generator=torch.Generator().manual_seed(6064), dtype=torch.float64).abs() + 0.5
    for p in (0.2, 0.7):
        report = student.probe("dropout_layer_modes", p, x)
        dropped = report["initial"]
        zeroed = _zeroed(dropped)
        check(abs(zeroed - p) < 0.01, f"a new Dropout({p}) (in train mode, nn.Module's default) zeroed {zeroed:.1%} "
                                      f"of the elements; expected about {p:.0%}"
                                      + (": it should start in train mode." if zeroed == 0 else
                                         " (use the p given to the constructor)."))
        check_close(f"kept elements of Dropout({p})", dropped[dropped != 0], x[dropped != 0] / (1 - p), rtol=1e-12)
        _check_identity_in_eval_mode(f"Dropout({p}) after .eval()", report["eval"], x)
        check(bool((report["train"] == 0).any()), f"Dropout({p}) after .eval() and then .train() should drop again; "
                                                  f"nothing was zeroed.")
    nested = student.probe("dropout_layer_in_sequential", 0.5, x)
    _check_identity_in_eval_mode("Dropout(0.5) inside nn.Sequential after model.eval()", nested["eval"], x)
    zeroed = _zeroed(nested["train"])
    check(abs(zeroed - 0.5) < 0.01, f"Dropout(0.5) inside nn.Sequential after model.train() zeroed {zeroed:.1%}; "
                                    f"expected about 50%.")
    found = builtin_dropout.in_code(student.code, skip={"Dropout", "dropout"})
    calls = student.probe("dropout_layer_watched", 0.3, torch.ones(20, 20))
    if found or calls:
        fail(f"Dropout uses PyTorch's own dropout ({found or ', '.join(sorted(set(calls)))}); apply your "
             f"`dropout` function.")


def _check_identity_in_eval_mode(name, out, x):
    zeroed = int((out == 0).sum()) if isinstance(out, torch.Tensor) else 0
    check(zeroed == 0, f"{name} zeroed {zeroed} of {x.numel()} elements; in eval mode it should drop nothing. "
                       f"Likely mistake: forward must pass the module's own flag self.training (which .train() and "
                       f".eval() set, for a model and all its layers) on to dropout.")
    check_close(f"{name} (eval mode: the identity)", out, x, rtol=0, atol=0)


@suite.test("test_dropout_mlp", exercise="dropout_mlp")
def test_dropout_mlp(student):
    _check_mlp_worked_example(student)
    gen = torch.Generator().manual_seed(608)
    for sizes, p, shape in (((12, (7, 5), 3), 0.25, (6, 3, 2, 2)), ((12, [9], 4), 0.0, (2, 12)),
                            ((12, (), 5), 0.5, (4, 3, 2, 2)), ((20, (16, 8, 4), 2), 0.8, (1, 4, 5))):
        where = f"DropoutMLP({sizes[0]}, {sizes[1]!r}, {sizes[2]}, p={p})"
        _check_mlp_structure(student, sizes, p, where)
        _check_mlp_dropout_rates(student, sizes, p, where)
        weights = ref.mlp_weights(*sizes, gen)
        x = torch.randn(*shape, generator=gen, dtype=torch.float64)
        modes = ["eval", "train", "train"] if sizes[1] and p > 0 else ["eval"]
        scores = _mlp_call(student, "mlp_scores", where, f" on a batch of shape {shape}", *sizes, p, weights, x, modes)
        check_close(f"{where} in eval mode, input of shape {shape}", scores[0], ref.mlp_eval_scores(weights, x),
                    rtol=1e-10, atol=1e-12)
        if len(scores) == 3:
            check(_shape(scores[1]) == (shape[0], sizes[2]),
                  f"{where} in train mode: scores of shape {(shape[0], sizes[2])} expected, got {_kind(scores[1])}.")
            check(not bool((scores[1] == scores[2]).all()), f"{where}: two forward passes in train mode gave the same "
                                                            f"scores; dropout should be active in train mode.")
    # In expectation the train-mode scores equal the eval-mode scores (inverted dropout, dropout only inside).
    sizes = (6, (30,), 3)
    weights, x = ref.mlp_weights(*sizes, gen), torch.randn(4, 6, generator=gen, dtype=torch.float64)
    train_scores, = _mlp_call(student, "mlp_scores", "DropoutMLP(6, (30,), 3, p=0.5)", " in train mode",
                              *sizes, 0.5, weights, x.repeat(4000, 1), ["train"])
    check_close("train-mode scores of DropoutMLP(6, (30,), 3, p=0.5) averaged over 4000 masks (should approach the "
                "eval-mode scores)", train_scores.reshape(4000, 4, 3).mean(dim=0), ref.mlp_eval_scores(weights, x),
                rtol=0.05, atol=0.05)


def _check_mlp_worked_example(student):
    """The notebook's visible check: DropoutMLP(3072, (512, 256), 10, 0.5) on 4 images."""
    where = "DropoutMLP(3072, (512, 256), 10, 0.5)"
    structure = _mlp_call(student, "mlp_structure", where, "", 3072, (512, 256), 10, 0.5)
    check(structure["layers"] is not None, "DropoutMLP needs an nn.Sequential as the attribute `network`, got "
                                           f"{structure['network']}.")
    kinds = [layer["kind"] for layer in structure["layers"]]
    check(kinds == ref.mlp_layer_kinds((512, 256)), "with hidden sizes (512, 256), `network` should be Linear, ReLU, "
                                                    f"Dropout, Linear, ReLU, Dropout, Linear; got {', '.join(kinds)}.")
    try:
        scores, = student.probe("mlp_scores", 3072, (512, 256), 10, 0.5, None, torch.zeros(4, 3, 32, 32), ["eval"])
    except StudentRaised as error:
        fail(f"DropoutMLP failed on a batch of 4 images of shape (4, 3, 32, 32): {error.type_name}: {error.message}. "
             f"forward should flatten each image first (keeping the batch dimension).")
    check(_shape(scores) == (4, 10), f"4 images should give scores of shape (4, 10), got {_kind(scores)}.")


def _check_mlp_structure(student, sizes, p, where):
    structure = _mlp_call(student, "mlp_structure", where, "", *sizes, p)
    check(structure["layers"] is not None, f"{where}: `network` must be an nn.Sequential, got {structure['network']}.")
    kinds, want = [layer["kind"] for layer in structure["layers"]], ref.mlp_layer_kinds(sizes[1])
    check(kinds == want, f"{where}: `network` should be {want}, got {kinds}.")
    found = builtin_dropout.in_code(student.code, skip={"DropoutMLP", "Dropout", "dropout"})
    check(all(layer["own_dropout"] for layer in structure["layers"] if layer["kind"] == "Dropout") and not found,
          f"{where}: the dropout layers should be your own Dropout class, not nn.Dropout"
          + (f" ({found})." if found else "."))
    features = [layer["features"] for layer in structure["layers"] if layer["kind"] == "Linear"]
    check_close(f"{where}: (in, out) of each Linear", features, ref.mlp_linear_sizes(*sizes), rtol=0)


def _check_mlp_dropout_rates(student, sizes, p, where):
    """Each Dropout layer of the network drops with the given p."""
    ones = torch.ones(200, 100, dtype=torch.float64)
    for output in _mlp_call(student, "mlp_dropout_layer_outputs", where, "", *sizes, p, ones):
        zeroed = _zeroed(output)
        check(abs(zeroed - p) < 0.015, f"{where}: a Dropout layer zeroed {zeroed:.1%} of its inputs; "
                                       f"expected about {p:.0%} (pass p on to each Dropout).")


def _mlp_call(student, probe, where, doing, *args):
    try:
        return student.probe(probe, *args)
    except StudentRaised as error:
        fail(f"{where} failed{doing}: {error.type_name}: {error.message}")


def _zeroed(out):
    check(isinstance(out, torch.Tensor), f"a tensor was expected, got {_kind(out)}.")
    return (out == 0).double().mean().item()


def _shape(value):
    return tuple(value.shape) if isinstance(value, torch.Tensor) else None


def _kind(value):
    return f"a tensor of shape {tuple(value.shape)}" if isinstance(value, torch.Tensor) else type(value).__name__
