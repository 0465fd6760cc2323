"""Hidden tests of 02_gradient_descent: one per graded test cell (see ``tools.hidden_tests``).

The training loops are judged by their effect: the worker gets the data (and, for
``train_epoch``, the initial weights) by value, runs the student's loop and returns the
parameters and losses; the expected trajectory is recomputed here with the reference from the
same start (``training`` for ``train_epoch``). A mistake is named only when the values are
what it produces (``mistakes``).
"""
import torch

from course import toy_data
from course.checks import check, check_close, is_close, to_floats
from course.probes import make_batches
from tools.hidden_tests.harness import Suite
from tools.hidden_tests.a02_gradient_descent import mistakes, probes, reference as ref, training
from tools.hidden_tests.a02_gradient_descent.compare import kind, unchanged

FIVE_X, FIVE_Y = toy_data.five_points(dtype=torch.float64)

suite = Suite(reference=ref, probes=probes, exercises={
    "gd_step": [],
    "learning_rate_answers": [],
    "fit_linear_autograd": [],
    "fit_linear_module": [],
    "batch_answers": [],
    "train_epoch": [],
})


# --- 1.1 gd_step ---------------------------------------------------------------------------

def _gd_step_case(student, w, b, x, y, lr, rtol, where):
    report = student.probe("call_reporting_inputs", "gd_step", w, b, x, y, lr)
    got = report["result"]
    check(isinstance(got, (tuple, list)) and len(got) == 2,
          f"gd_step must return two values (w_new, b_new), got {kind(got)}.")
    rw, rb, dw, db = ref.gd_step(w, b, x, y, lr)
    db_sequential = ref.gd_step(rw, b, x, y, lr)[3]      # b's gradient taken at the already updated w
    n = len(x)
    check_close(f"w_new {where}", got[0], rw, rtol=rtol, atol=1e-6, likely={
        "the step goes uphill: subtract lr * gradient, do not add it.": w + lr * dw,
        "the factor 2 of the gradient is missing.": w - lr * dw / 2,
        "the gradient sums where the loss takes a mean: divide by n.": w - lr * dw * n,
        "dL/dw needs the factor x_i inside the sum.": w - lr * db,
    })
    check_close(f"b_new {where}", got[1], rb, rtol=rtol, atol=1e-6, likely={
        "the step goes uphill: subtract lr * gradient, do not add it.": b + lr * db,
        "the factor 2 of the gradient is missing.": b - lr * db / 2,
        "the gradient sums where the loss takes a mean: divide by n.": b - lr * db * n,
        "dL/db has no factor x_i.": b - lr * dw,
        "b's gradient was computed with the already updated w; evaluate both gradients at the old "
        "(w, b), then update both.": b - lr * db_sequential,
    })
    w_after, b_after, x_after, y_after = report["args_after"][:4]
    check(unchanged(x_after, x) and unchanged(y_after, y),
          "gd_step changed its input tensors x or y; compute new values instead.")
    check(unchanged(w_after, w) and unchanged(b_after, b),
          "gd_step modified the caller's w or b tensor in place (w -= ...); return new values instead.")


@suite.test("test_gd_step", exercise="gd_step")
def test_gd_step(student):
    _gd_step_case(student, 0.0, 0.0, FIVE_X, FIVE_Y, 0.01, 1e-10, "(the five points, one step from w = b = 0, lr=0.01)")
    gen = torch.Generator().manual_seed(202)
    for dtype, rtol in ((torch.float64, 1e-10), (torch.float32, 1e-5)):
        for n in (3, 8, 40):
            x = (torch.randn(n, generator=gen, dtype=torch.float64) * 2 + 1).to(dtype)
            y = (torch.randn(n, generator=gen, dtype=torch.float64) * 3 - 1).to(dtype)
            _gd_step_case(student, 0.8, -1.7, x, y, 0.05, rtol, f"(n={n}, {dtype}, w=0.8, b=-1.7, lr=0.05)")
    # w and b given as 0-d tensors: the caller's tensors must not change.
    w, b = torch.tensor(0.3, dtype=torch.float64), torch.tensor(0.4, dtype=torch.float64)
    x = torch.tensor([0.5, -1.0, 2.0, 3.5], dtype=torch.float64)
    y = torch.tensor([1.0, -2.0, 0.5, 4.0], dtype=torch.float64)
    _gd_step_case(student, w, b, x, y, 0.1, 1e-10, "(w, b given as 0-d tensors 0.3, 0.4, lr=0.1)")


# --- 3.1 learning rates on centred inputs (values of the notebook's run) ----------------------

CENTRED_X = FIVE_X - FIVE_X.mean()     # [-2, -1, 0, 1, 2]: curvature 4 along w, 2 along b, none mixed
CENTRED_EPOCHS = 10
RATES = {
    0.01: "it crawls: each step shrinks b's error only by a factor 1 - 0.01 * 2 = 0.98",
    0.08: "it converges, if slowly: 0.08 was nearly the limit for the raw inputs, not for the centred ones",
    0.3: "each step multiplies w's error by 1 - 0.3 * 4 = -0.2 and b's by 1 - 0.3 * 2 = 0.4",
    0.45: "it zig-zags along w (a factor 1 - 0.45 * 4 = -0.8 per step) but converges: the limit is 2 / 4 = 0.5",
    0.55: "it is past the limit 2 / 4 = 0.5: each step multiplies w's error by 1 - 0.55 * 4 = -1.2",
    1.0: "it is far past the limit 2 / 4 = 0.5: each step multiplies w's error by -3",
}


def _centred_runs():
    """lr -> the losses of the question's run (before each of its 10 steps, then after the last)."""
    runs = {}
    for lr in RATES:
        ws, bs, losses = ref.fit_linear(CENTRED_X, FIVE_Y, lr, CENTRED_EPOCHS)
        runs[lr] = losses + [float(((ws[-1] * CENTRED_X + bs[-1] - FIVE_Y) ** 2).mean())]
    return runs


@suite.test("test_learning_rate_answers", exercise="learning_rate_answers", values=["diverging_rates", "fastest_rate"])
def test_learning_rate_answers(student):
    diverging, fastest = student.value("diverging_rates"), student.value("fastest_rate")
    # A set crosses from the notebook's run as a list.
    check(type(diverging) in (list, tuple), "diverging_rates should be a list of learning rates.")
    check(type(fastest) in (float, int), "fastest_rate should be a number.")
    given = to_floats(list(diverging), "diverging_rates")
    runs = _centred_runs()
    blows_up = {lr: losses[-1] > losses[0] for lr, losses in runs.items()}
    for lr, why in RATES.items():
        listed = any(is_close(v, lr, 1e-9, 0) for v in given)
        check(listed is blows_up[lr], f"diverging_rates: {lr} should {'' if blows_up[lr] else 'not '}be listed: {why}.")
    expected = sum(blows_up.values())
    check(len(given) == expected, f"diverging_rates should list exactly the {expected} diverging rates, got {given}.")
    best = min(runs, key=lambda lr: runs[lr][-1])
    check_close("fastest_rate", fastest, best, rtol=1e-9, likely={
        "0.45 is the converging rate nearest the limit 0.5, but along w each of its steps only shrinks the error "
        "by |1 - 0.45 * 4| = 0.8; the best rate shrinks both directions' errors fast.": 0.45,
        "0.08 was nearly the best rate for the raw inputs; centring changed the curvatures (4 and 2 now).": 0.08,
        "0.55 diverges; the question asks for the lowest loss.": 0.55,
        "1.0 diverges; the question asks for the lowest loss.": 1.0,
    })


# --- 4.1 fit_linear_autograd ------------------------------------------------------------------

def _fit_autograd_case(student, x, y, lr, epochs, rtol, atol, where):
    report = student.probe("call_reporting_inputs", "fit_linear_autograd", x, y, lr, epochs)
    got = report["result"]
    check(isinstance(got, (tuple, list)) and len(got) == 3,
          f"fit_linear_autograd must return (w, b, losses), got {kind(got)}.")
    w, b, losses = got
    check(type(losses) is list and len(losses) == epochs,
          f"losses should be a list with one loss per epoch ({epochs}) {where}, got {kind(losses)}.")
    for name, value in (("w", w), ("b", b)):
        if isinstance(value, torch.Tensor):
            check(value.dtype == x.dtype, f"{name} is {value.dtype} on {x.dtype} data: create w and b in x's dtype "
                                          "(torch.tensor(0.0, dtype=x.dtype, requires_grad=True)).")
    ws, bs, expected = ref.fit_linear(x, y, lr, epochs, dtype=x.dtype)
    accumulated = mistakes.fit_linear(x, y, lr, epochs, accumulate=True)
    check_close(f"losses {where}", losses, expected, rtol=rtol, atol=atol, likely={
        "the gradients were never zeroed, so they accumulate from epoch to epoch.": accumulated[2],
        "each loss is recorded after the update; record it before, when it is computed.":
            mistakes.fit_linear(x, y, lr, epochs, after=True)[2],
        "the loss is a sum; the mean squared error takes the mean.":
            mistakes.fit_linear(x, y, lr, epochs, total=True)[2],
    })
    check_close(f"final w {where}", w, ws[-1], rtol=rtol, atol=atol, likely={
        "the gradients were never zeroed, so they accumulate from epoch to epoch.": accumulated[0],
    })
    check_close(f"final b {where}", b, bs[-1], rtol=rtol, atol=atol)
    x_after, y_after = report["args_after"][:2]
    check(unchanged(x_after, x) and unchanged(y_after, y), "fit_linear_autograd changed its input tensors x or y.")


@suite.test("test_fit_linear_autograd", exercise="fit_linear_autograd")
def test_fit_linear_autograd(student):
    _fit_autograd_case(student, FIVE_X, FIVE_Y, 0.01, 10, 1e-9, 1e-8, "(the five points, lr=0.01, 10 epochs)")
    gen = torch.Generator().manual_seed(2024)
    for n, lr, epochs in ((7, 0.02, 12), (30, 0.005, 25)):
        x = torch.randn(n, generator=gen, dtype=torch.float64) * 1.5 + 2
        y = -1.5 * x + 4 + torch.randn(n, generator=gen, dtype=torch.float64)
        _fit_autograd_case(student, x, y, lr, epochs, 1e-9, 1e-8, f"(n={n}, lr={lr}, {epochs} epochs, float64)")
    x32 = torch.linspace(-1, 3, 9)
    _fit_autograd_case(student, x32, 0.5 * x32 - 2, 0.1, 15, 1e-4, 1e-6, "(float32 data, lr=0.1, 15 epochs)")
    _fit_autograd_case(student, x32, 0.5 * x32 - 2, 0.1, 0, 1e-4, 1e-6, "(num_epochs=0: no step, w = b = 0)")


# --- 5.1 fit_linear_module --------------------------------------------------------------------

def _fit_module_case(student, x, y, lr, epochs, rtol, atol, where):
    report = student.probe("fitted_linear_module", x, y, lr, epochs)
    check(report["pair"] is True, "fit_linear_module must return two values (model, losses).")
    layer, losses = report["layer"], report["losses"]
    check(layer["is_linear"] is True and layer.get("in_features") == 1 and layer.get("out_features") == 1,
          f"fit_linear_module should return the nn.Linear(1, 1) model first, got {layer['class']}.")
    check(layer["weight"].dtype == x.dtype,
          f"on {x.dtype} data the model must be {x.dtype} too: nn.Linear(1, 1, dtype=x.dtype).")
    check(type(losses) is list and len(losses) == epochs,
          f"losses should be a list with one loss per epoch ({epochs}) {where}, got {kind(losses)}.")
    if epochs == 0:
        check_close("weight and bias after 0 epochs (nn.Linear starts at random: set both to zero before training)",
                    [layer["weight"], layer["bias"]], [0.0, 0.0])
    ws, bs, expected = ref.fit_linear(x, y, lr, epochs, dtype=x.dtype)
    accumulated = mistakes.fit_linear(x, y, lr, epochs, accumulate=True)
    broadcast = mistakes.fit_linear(x, y, lr, epochs, broadcast=True)
    summed = mistakes.fit_linear(x, y, lr, epochs, total=True)
    not_reshaped = "y was not reshaped to (n, 1): nn.MSELoss broadcast (n, 1) against (n,) and compared every " \
                   "prediction with every target."
    never_zeroed = "the gradients are never zeroed, so they accumulate from epoch to epoch."
    never_moved = ("the weights never moved: check that optimizer.step() runs after loss.backward(), with no "
                   "zeroing of the gradients between them.")
    check_close(f"losses {where}", losses, expected, rtol=rtol, atol=atol, likely={
        not_reshaped: broadcast[2],
        "each loss is recorded after the step; record the loss computed before it.":
            mistakes.fit_linear(x, y, lr, epochs, after=True)[2],
        "nn.MSELoss(reduction='sum') sums; the default takes the mean.": summed[2],
        never_zeroed: accumulated[2],
        never_moved: expected[:1] * epochs,
    })
    check_close(f"weight {where}", layer["weight"], [[ws[-1]]], rtol=rtol, atol=atol, likely={
        never_zeroed: [[accumulated[0]]],
        not_reshaped: [[broadcast[0]]],
        never_moved: [[0.0]],
    })
    check_close(f"bias {where}", layer["bias"], [bs[-1]], rtol=rtol, atol=atol)
    check(unchanged(report["x_after"], x) and unchanged(report["y_after"], y),
          "fit_linear_module changed its input tensors x or y.")


@suite.test("test_fit_linear_module", exercise="fit_linear_module")
def test_fit_linear_module(student):
    _fit_module_case(student, FIVE_X, FIVE_Y, 0.01, 0, 1e-9, 1e-12, "(the five points, 0 epochs)")
    _fit_module_case(student, FIVE_X, FIVE_Y, 0.01, 10, 1e-9, 1e-12, "(the five points, lr=0.01, 10 epochs)")
    gen = torch.Generator().manual_seed(505)
    x = torch.rand(11, generator=gen, dtype=torch.float64) * 4 - 1
    y = 2.5 * x - 0.5 + 0.3 * torch.randn(11, generator=gen, dtype=torch.float64)
    for epochs in range(9):
        _fit_module_case(student, x, y, 0.03, epochs, 1e-9, 1e-12, f"after {epochs} epoch(s) (n=11, lr=0.03, float64)")
    x32 = torch.linspace(0, 2, 6)
    _fit_module_case(student, x32, 1.5 - x32, 0.2, 12, 1e-4, 1e-6, "(float32 data, lr=0.2, 12 epochs)")


# --- 6.1 batches (values of the notebook's run) -----------------------------------------------

@suite.test("test_batch_answers", exercise="batch_answers", values=["updates_per_epoch", "last_batch_size"])
def test_batch_answers(student):
    updates, last = student.value("updates_per_epoch"), student.value("last_batch_size")
    check(type(updates) is int and type(last) is int, "Both answers should be integers.")
    check_close("updates_per_epoch", updates, 16, likely={
        "1000 / 64 = 15.6: the 40 examples left over form a 16th, smaller batch (unless drop_last=True).": 15,
        "that is the number of examples; one update per batch.": 1000,
    })
    check_close("last_batch_size", last, 40, likely={
        "the last batch is what remains after 15 full batches: 1000 - 15 * 64.": 64,
        "1000 / 64 = 15.625 batches; the remainder is 1000 - 15 * 64 examples.": 0.625,
    })


# --- 6.2 train_epoch --------------------------------------------------------------------------

ZEROED_ONCE = {"optimizer.zero_grad() is called once before the loop: the gradients accumulate from batch to "
               "batch. Zero them before every backward pass.": {"zero": "once"}}


@suite.test("test_train_epoch", exercise="train_epoch")
def test_train_epoch(student):
    # The visible check's example: three batches of the line data, a zero-initialised nn.Linear(1, 1).
    x_line, y_line = toy_data.line_data(n=100, seed=0)
    zeros = {"0.weight": torch.zeros(1, 1), "0.bias": torch.zeros(1)}
    batches = make_batches(x_line[:5], y_line[:5], [2, 2, 1])
    epoch = training.Epoch([["linear", 1, 1]], "float32", zeros, batches, 0.01, "mse")
    where = "(three batches of sizes 2, 2, 1 from the line data, nn.Linear(1, 1) from zero, lr=0.01)"
    report = epoch.of_student(student)
    training.check_mean(report, epoch, 1e-4, where)
    training.check_state(report, epoch, 1e-4, 1e-6, where, ZEROED_ONCE)
    # A small MLP from given weights, batches of unequal sizes.
    spec = [["linear", 3, 5], ["tanh"], ["linear", 5, 2]]
    gen = torch.Generator().manual_seed(606)
    x = torch.randn(13, 3, generator=gen, dtype=torch.float64)
    y = torch.randn(13, 2, generator=gen, dtype=torch.float64)
    state = training.initial_state(spec, "float64", torch.Generator().manual_seed(7), 0.6)
    epoch = training.Epoch(spec, "float64", state, make_batches(x, y, [6, 4, 2, 1]), 0.2, "mse")
    where = "(an MLP, batch sizes 6, 4, 2, 1, lr=0.2)"
    report = epoch.of_student(student)
    training.check_mean(report, epoch, 1e-9, where)
    training.check_state(report, epoch, 1e-9, 1e-12, where, ZEROED_ONCE)


@suite.test("test_train_epoch_probes", exercise="train_epoch")
def test_train_epoch_probes(student):
    # The model arrives in eval mode with stale gradients in .grad; its batch-norm layer trains
    # differently in eval mode, and the loss sums over the outputs, so a squeeze before it shows.
    spec = [["linear", 2, 4], ["batch_norm", 4], ["tanh"], ["linear", 4, 1]]
    gen = torch.Generator().manual_seed(707)
    x = torch.randn(10, 2, generator=gen, dtype=torch.float64)
    y = torch.randn(10, 1, generator=gen, dtype=torch.float64)
    state = training.initial_state(spec, "float64", torch.Generator().manual_seed(11), 0.7)
    stale = [torch.randn(v.shape, generator=gen, dtype=torch.float64) * 3
             for k, v in state.items() if not k.endswith(("running_mean", "running_var", "num_batches_tracked"))]
    epoch = training.Epoch(spec, "float64", state, make_batches(x, y, [4, 3, 3]), 0.1, "per_example",
                           train_mode=False, stale=stale)
    where = "(a model handed in eval mode with stale gradients in .grad, batch sizes 4, 3, 3)"
    training.check_state(epoch.of_student(student), epoch, 1e-9, 1e-12, where, {
        "model.train() is never called: the model arrived in eval mode and trained in it (its batch-norm layer "
        "used its running statistics and never updated them).": {"train": False},
        "optimizer.zero_grad() comes after the step: the stale gradient that was in .grad when train_epoch was "
        "called went into the first step. Call it before each backward pass.": {"zero": "after_step"},
        **ZEROED_ONCE,
        "the gradients are never zeroed: call optimizer.zero_grad() before every backward pass.": {"zero": "never"},
        "the prediction or the target was reshaped before the loss: call loss_fn(model(xb), yb) as is; the loss "
        "decides about shapes (this one sums over the outputs).": {"flatten": True},
    })
