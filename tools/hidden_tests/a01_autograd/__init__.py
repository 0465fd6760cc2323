"""Hidden tests of 01_autograd: one per graded test cell (see ``tools.hidden_tests``)."""
import torch

from course import checks
from course.checks import check, check_close, check_finite, fail
from tools.hidden_tests import autograd_use
from tools.hidden_tests.harness import Suite
from tools.hidden_tests.a01_autograd import probes, reference as ref

PARAM_NAMES = ["w1", "w2", "b1", "b2", "w3", "w4", "b3"]
WORKED = {"w1": 1.0, "w2": -1.0, "b1": 1.0, "b2": 2.0, "w3": 1.0, "w4": 2.0, "b3": -1.0}
X_DATA = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
Y_DATA = torch.tensor([4.73, 8.10, 11.25, 13.07, 17.57])

suite = Suite(reference=ref, probes=probes, exercises={
    "mse_grads": [],
    "sigmoid": [],
    "sigmoid_grad": ["sigmoid"],
    "forward": ["sigmoid"],
    "backward": ["sigmoid", "forward"],
    "numerical_grad": [],
    "b3_grad_after_four_calls": [],
    "vanishing_numbers": [],
})


def _random_params(gen, scale):
    return {k: float(v) for k, v in zip(PARAM_NAMES, torch.randn(7, generator=gen, dtype=torch.float64) * scale)}


@suite.test("test_mse_grads", exercise="mse_grads")
def test_mse_grads(student):
    cases = [(X_DATA, Y_DATA, 0.0, 0.0, 1e-4)]
    gen = torch.Generator().manual_seed(101)
    for dtype, rtol in ((torch.float64, 1e-9), (torch.float32, 1e-4)):
        for n in (1, 7, 64):
            x = (torch.randn(n, generator=gen, dtype=torch.float64) * 3).to(dtype)
            y = (torch.randn(n, generator=gen, dtype=torch.float64) * 5).to(dtype)
            cases.append((x, y, -1.3, 0.7, rtol))
    for x, y, w, b, rtol in cases:
        ref_dw, ref_db = ref.mse_grads(x, y, w, b)
        got = student.call("mse_grads", x.clone(), y.clone(), w, b)
        check(isinstance(got, (tuple, list)) and len(got) == 2, f"mse_grads must return two values (dw, db), got {_kind(got)}.")
        dw, db = got
        n = x.shape[0]
        where = f"(n={n}, {x.dtype}, w={w}, b={b})"
        # Each mistake leaves a pair (dw, db): it is named only where both are what it leaves.
        mistakes = {
            "the sign is flipped: the residual is y_hat - y.": (-ref_dw, -ref_db),
            "the factor 2 from differentiating the square is missing.": (ref_dw / 2, ref_db / 2),
            "a sum where the loss takes a mean: divide by n.": (ref_dw * n, ref_db * n),
            "dL/dw needs the extra factor x_i inside the sum.": (ref_db, ref_db),
            "dL/db has no factor x_i (the derivative of b is 1).": (ref_dw, ref_dw),
        }
        likely = {mistake: pair for mistake, pair in mistakes.items()
                  if _same(dw, pair[0], rtol) and _same(db, pair[1], rtol)}
        hint = "Check the derivative of the mean of (w x_i + b - y_i)^2 with respect to each parameter."
        check_close(f"dL/dw {where}", dw, ref_dw, rtol=rtol, atol=1e-6, hint=hint,
                    likely={mistake: pair[0] for mistake, pair in likely.items()})
        check_close(f"dL/db {where}", db, ref_db, rtol=rtol, atol=1e-6, hint=hint,
                    likely={mistake: pair[1] for mistake, pair in likely.items()})


def _same(got, want, rtol):
    """Whether ``got`` reads as the numbers ``want`` (False where it cannot be read)."""
    try:
        return checks.all_close(checks.to_floats(got), checks.to_floats(want), rtol, 1e-12)
    except checks.CheckFailed:
        return False


@suite.test("test_sigmoid", exercise="sigmoid")
def test_sigmoid(student):
    check_close("sigmoid(0)", student.call("sigmoid", torch.tensor(0.0)), 0.5)
    z64 = torch.linspace(-100, 100, 2001, dtype=torch.float64)
    expected = 1.0 / (1.0 + torch.exp(-z64))
    s64 = student.call("sigmoid", z64.clone())
    check(isinstance(s64, torch.Tensor) and s64.dtype == torch.float64,
          "sigmoid must return a tensor of the input's dtype (float64 in, float64 out).")
    check_finite("sigmoid on float64 z in [-100, 100]", s64)
    check_close("sigmoid on float64 z in [-100, 100]", s64, expected, rtol=1e-9, atol=1e-15, likely={
        "the sign in the exponent: sigmoid is 1 / (1 + exp(-z)).": 1.0 / (1.0 + torch.exp(z64)),
    })
    s32 = student.call("sigmoid", z64.float())
    check(isinstance(s32, torch.Tensor) and s32.dtype == torch.float32, "sigmoid must keep float32 inputs in float32.")
    check_finite("sigmoid on float32 z in [-100, 100] (exp overflows in float32: rewrite the formula)", s32)
    check_close("sigmoid on float32 z in [-100, 100]", s32, expected.float(), rtol=1e-5, atol=1e-7)
    grid = torch.linspace(-3, 3, 12, dtype=torch.float64).reshape(3, 4)
    check_close("sigmoid of a 3x4 tensor", student.call("sigmoid", grid), 1.0 / (1.0 + torch.exp(-grid)), rtol=1e-9)


@suite.test("test_sigmoid_grad", exercise="sigmoid_grad")
def test_sigmoid_grad(student):
    z64 = torch.linspace(-100, 100, 2001, dtype=torch.float64)
    s = 1.0 / (1.0 + torch.exp(-z64))
    expected = s * (1.0 - s)
    at_zero = student.call("sigmoid_grad", torch.tensor(0.0))
    g64 = student.call("sigmoid_grad", z64.clone())
    # Each mistake leaves a value at 0 and a curve on [-100, 100]: named where both are its own.
    mistakes = {
        "this is sigma(z) itself, not its derivative: the factor (1 - sigma(z)) is missing.": (0.5, s),
        "z * (1 - z) uses z where sigma(z) belongs.": (0.0, z64 * (1 - z64)),
        "the sign: the slope is sigma(z) * (1 - sigma(z)), which is never negative.": (-0.25, -expected),
    }
    likely = {mistake: (point, curve) for mistake, (point, curve) in mistakes.items()
              if _same(at_zero, point, 1e-5) and _same(g64, curve, 1e-8)}
    check_close("sigmoid_grad(0)", at_zero, 0.25, likely={mistake: point for mistake, (point, _) in likely.items()},
                hint="The slope of the sigmoid is sigma(z) * (1 - sigma(z)).")
    check(isinstance(g64, torch.Tensor) and g64.dtype == torch.float64,
          "sigmoid_grad must return a tensor of the input's dtype (float64 in, float64 out).")
    check_finite("sigmoid_grad on float64 z in [-100, 100]", g64)
    check_close("sigmoid_grad on float64 z in [-100, 100]", g64, expected, rtol=1e-8, atol=1e-15,
                likely={mistake: curve for mistake, (_, curve) in likely.items()})
    g32 = student.call("sigmoid_grad", z64.float())
    check(isinstance(g32, torch.Tensor) and g32.dtype == torch.float32, "sigmoid_grad must keep float32 inputs in float32.")
    check_finite("sigmoid_grad on float32 z in [-100, 100]", g32)
    check_close("sigmoid_grad on float32 z in [-100, 100]", g32, expected.float(), rtol=1e-4, atol=1e-7)


@suite.test("test_forward", exercise="forward")
def test_forward(student):
    gen = torch.Generator().manual_seed(303)
    cases = [(WORKED, torch.tensor([1.0]), 1e-5)]
    p = _random_params(gen, 1.5)
    for dtype, rtol in ((torch.float64, 1e-10), (torch.float32, 1e-5)):
        cases.append((p, (torch.randn(9, generator=gen, dtype=torch.float64) * 2).to(dtype), rtol))
    for params, x, rtol in cases:
        out = student.call("forward", dict(params), x.clone())
        expected = ref.forward(params, x.double())
        check(isinstance(out, dict), f"forward must return a dict, got {_kind(out)}.")
        where = f"({x.dtype}, {x.numel()} inputs)"
        for key in ("z1", "a1", "z2", "a2", "y_hat"):
            check(key in out, f"forward must return the key '{key}'.")
            check(isinstance(out[key], torch.Tensor) and tuple(out[key].shape) == tuple(x.shape),
                  f"{key} must be a tensor shaped like x {tuple(x.shape)}.")
        check_close(f"z1 {where}", out["z1"], expected["z1"], rtol=rtol, atol=1e-6)
        check_close(f"a1 {where}", out["a1"], expected["a1"], rtol=rtol, atol=1e-6)
        check_close(f"z2 {where}", out["z2"], expected["z2"], rtol=rtol, atol=1e-6, likely={
            "z2 uses w1/b1; the second unit has its own w2 and b2.": expected["z1"],
        })
        check_close(f"a2 {where}", out["a2"], expected["a2"], rtol=rtol, atol=1e-6)
        check_close(f"y_hat {where}", out["y_hat"], expected["y_hat"], rtol=rtol, atol=1e-6, likely={
            "the output bias b3 is missing.": expected["y_hat"] - params["b3"],
            "y_hat combines z1 and z2 where the activations a1 and a2 belong.":
                params["w3"] * expected["z1"] + params["w4"] * expected["z2"] + params["b3"],
        })


def _likely_backward_mistakes(p, x, y, expected, inter):
    x, y = x.double(), y.double()
    n = x.shape[0]
    delta = 2.0 / n * (inter["y_hat"] - y)
    a1, a2 = inter["a1"], inter["a2"]
    return {
        "b3": {"the sign is flipped: dL/dy_hat = 2/n (y_hat - y).": -expected["b3"],
               "a sum where the loss takes a mean: divide by n.": expected["b3"] * n,
               "the factor 2 is missing.": expected["b3"] / 2},
        "w3": {"dL/dw3 multiplies by a1 (the activation), not z1.": (delta * (p["w1"] * x + p["b1"])).sum(),
               "the sign is flipped.": -expected["w3"]},
        "w4": {"dL/dw4 multiplies by a2, the second unit's activation.": (delta * a1).sum()},
        "b1": {"the sigmoid derivative a1*(1-a1) is missing.": (delta * p["w3"]).sum(),
               "a1 is used where its derivative a1*(1-a1) belongs.": (delta * p["w3"] * a1).sum(),
               "unit 1's path goes through w3, not w4.": (delta * p["w4"] * a1 * (1 - a1)).sum()},
        "w1": {"dL/dw1 needs the factor x (it equals dL/db1 only when x = 1).": expected["b1"],
               "the sigmoid derivative a1*(1-a1) is missing.": (delta * p["w3"] * x).sum()},
        "b2": {"the sigmoid derivative a2*(1-a2) is missing.": (delta * p["w4"]).sum(),
               "unit 2's path goes through w4, not w3.": (delta * p["w3"] * a2 * (1 - a2)).sum()},
        "w2": {"dL/dw2 needs the factor x (it equals dL/db2 only when x = 1).": expected["b2"],
               "the sigmoid derivative a2*(1-a2) is missing.": (delta * p["w4"] * x).sum()},
    }


@suite.test("test_backward", exercise="backward")
def test_backward(student):
    gen = torch.Generator().manual_seed(404)
    cases = [(WORKED, torch.tensor([1.0], dtype=torch.float64), torch.tensor([3.0], dtype=torch.float64), 1e-9)]
    for n, dtype, rtol in ((1, torch.float64, 1e-9), (8, torch.float64, 1e-9), (8, torch.float32, 1e-4),
                           (50, torch.float64, 1e-9)):
        p = _random_params(gen, 1.2)
        x = (torch.randn(n, generator=gen, dtype=torch.float64) * 2 + 0.5).to(dtype)
        y = (torch.randn(n, generator=gen, dtype=torch.float64) * 2).to(dtype)
        cases.append((p, x, y, rtol))
    for p, x, y, rtol in cases:
        expected, inter = ref.backward(p, x, y)
        mistakes = _likely_backward_mistakes(p, x, y, expected, inter)
        grads = student.call("backward", dict(p), x.clone(), y.clone())
        check(isinstance(grads, dict), f"backward must return a dict, got {_kind(grads)}.")
        for param in ("b3", "w3", "w4", "b1", "w1", "b2", "w2"):
            check(param in grads, f"backward must return a gradient for '{param}'.")
            check_close(f"dL/d{param} (n={x.shape[0]}, {x.dtype})", grads[param], expected[param],
                        rtol=rtol, atol=1e-6, likely=mistakes[param])


@suite.test("test_backward_no_autograd", exercise="backward")
def test_backward_no_autograd(student):
    found = autograd_use.in_code(student.code, "backward")
    if found:
        fail(f"backward uses torch.autograd ({found}); the exercise asks for the chain rule by hand.")
    gen = torch.Generator().manual_seed(405)
    x = torch.randn(6, generator=gen, dtype=torch.float64)
    y = torch.randn(6, generator=gen, dtype=torch.float64)
    report = student.probe("backward_without_autograd", WORKED, x, y)
    check(isinstance(report, dict) and report.get("autograd_calls") == 0 and report.get("outcome") == "returned",
          "backward used torch.autograd (a .backward() call, torch.autograd.grad or torch.func), or failed "
          f"without it ({report.get('outcome') if isinstance(report, dict) else report}); "
          "the exercise asks for the chain rule by hand.")


@suite.test("test_numerical_grad", exercise="numerical_grad")
def test_numerical_grad(student):
    x, y = torch.tensor([1.0], dtype=torch.float64), torch.tensor([3.0], dtype=torch.float64)
    expected_b3 = float(ref.backward(WORKED, x, y)[0]["b3"])
    got = student.probe("numerical_grad_of_loss", WORKED, "b3", x, y)
    check_close("numerical dL/db3 on the worked example", got, expected_b3, rtol=1e-3, likely={
        "the central difference divides by 2h, not h.": 2 * expected_b3,
    })
    h = 0.5
    cubic = lambda p: p["a"] ** 3 + p["b"] * p["a"] + p["c"]       # noqa: E731 (as in probes.py)
    caller = {"a": 2.0, "b": 1.5, "c": -0.25}
    central = ref.central_difference(cubic, caller, "a", h)
    forward_diff = (cubic({**caller, "a": 2.0 + h}) - cubic(caller)) / h
    report = student.probe("numerical_grad_of_cubic", h)
    check(isinstance(report, dict), "numerical_grad could not be run.")
    check_close("numerical_grad of a^3 + b*a at a=2 with h=0.5", report["value"], central, rtol=1e-9, likely={
        "a one-sided difference (f(p+h) - f(p)) / h; use the central (f(p+h) - f(p-h)) / 2h.": forward_diff,
        "the division by 2h is missing a factor 2.": 2 * central,
        "the argument h is ignored (the default 1e-4 was used).": 3 * 2.0 ** 2 + 1.5 + 1e-8,
        "the sign: (f(p+h) - f(p-h)) / 2h.": -central,
    })
    check(report["caller_after"] == caller, "numerical_grad changed the caller's dict; shift a copy instead.")
    check(all(seen == caller for seen in report["seen"]),
          "numerical_grad modified the caller's dict while f was running (even if it was put back "
          "afterwards); shift a copy instead.")
    check_close("numerical_grad with respect to b (default h)", student.probe("numerical_grad_wrt_b"), 2.0, rtol=1e-6)
    check_close("numerical_grad when f returns a tensor", student.probe("numerical_grad_of_tensor_square"), 6.0, rtol=1e-6)


@suite.test("test_b3_grad_after_four_calls", exercise="b3_grad_after_four_calls", values=["b3_grad_after_four_calls"])
def test_b3_grad_after_four_calls(student):
    value = student.value("b3_grad_after_four_calls")
    check(type(value) in (float, int), f"b3_grad_after_four_calls should be a number (a float), got {_kind(value)}.")
    one_call = float(ref.backward(WORKED, torch.tensor([2.0]), torch.tensor([3.0]))[0]["b3"])
    at_worked_example = float(ref.backward(WORKED, torch.tensor([1.0]), torch.tensor([3.0]))[0]["b3"])
    check_close("b3_grad_after_four_calls", value, 4 * one_call, rtol=1e-3, likely={
        "that is one call's gradient; the four calls add up.": one_call,
        "that is three calls' gradients; the question makes four.": 3 * one_call,
        "the gradient of the bias is negative here: y_hat is below the target.": -4 * one_call,
        "that is four calls at x = 1, the example of the cells above; the question's example is "
        "(x, y) = (2, 3).": 4 * at_worked_example,
    })


@suite.test("test_vanishing_numbers", exercise="vanishing_numbers", values=["max_tanh_slope", "ten_layer_bound"])
def test_vanishing_numbers(student):
    slope, bound = student.value("max_tanh_slope"), student.value("ten_layer_bound")
    check(type(slope) in (float, int) and type(bound) in (float, int), "Both answers should be numbers.")
    check_close("max_tanh_slope", slope, 1.0, rtol=1e-6, likely={
        "0.25 is the sigmoid's largest slope; tanh(z) = 2 sigma(2z) - 1 multiplies it by 2 and, through 2z, by 2 "
        "again.": 0.25,
        "one factor 2 is missing: tanh'(z) = 2 * sigma'(2z) * 2.": 0.5,
    })
    check_close("ten_layer_bound", bound, 0.75 ** 10, rtol=1e-6, likely={
        "each layer's local derivative is 3 * sigma'(3 a): the weight multiplies the slope.": 0.25 ** 10,
        "every one of the ten layers has the weight 3: (3 * 0.25) ** 10.": 3 * 0.25 ** 10,
        "ten layers multiply ten factors: 0.75 ** 10, not 0.75 * 10.": 7.5,
        "that is nine factors; the chain has ten layers.": 0.75 ** 9,
    })


def _kind(value):
    return type(value).__name__ if not isinstance(value, torch.Tensor) else f"a tensor of shape {tuple(value.shape)}"
