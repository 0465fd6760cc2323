# %% [markdown]
# # Assignment 1: Autograd by hand
#
# Every network you will train in this course learns by following a gradient: the
# direction in which a small change of each parameter makes the loss grow fastest.
# PyTorch computes those gradients for you with `torch.autograd`. In this assignment you
# compute them yourself, first for a straight line and then for a tiny neural network,
# and check your work against autograd and against numerical differences. By the end
# you will know what `loss.backward()` does, why `optimizer.zero_grad()` exists, and why
# deep networks built from sigmoids learn slowly.
#
# **How this notebook works.** Cells marked `YOUR CODE HERE` are yours. After each one,
# a test cell checks your answer and prints a line starting with ✔ when it passes, or an
# explanation of what is wrong when it does not. More tests, hidden from you, run when
# the notebook is graded: they try your functions on other inputs, so write them for any
# input, not only for the example shown. Use *Validate* (or *Kernel → Restart & Run All*)
# before you submit.
#
# Written questions are graded by hand: say what you found and why, in your own words.

# %% locked id=setup
%matplotlib inline
import torch
import matplotlib.pyplot as plt

from course import checks
from course.notebook import setup
from course.plotting import plot_sigmoid_and_derivative, draw_autograd_graph

GRADING = setup(seed=0)

# %% [markdown]
# ## 1. Gradients of a straight line
#
# Five measurements, and the model $\hat y = w x + b$. How good a line is, is measured by
# the mean squared error
#
# $$L(w, b) = \frac{1}{n}\sum_{i=1}^{n} (\hat y_i - y_i)^2 .$$
#
# Differentiating each term with the chain rule (the outer function is the square, the
# inner one is $\hat y_i - y_i$, and $\partial \hat y_i/\partial w = x_i$,
# $\partial \hat y_i/\partial b = 1$) gives
#
# $$\frac{\partial L}{\partial w} = \frac{2}{n}\sum_i (\hat y_i - y_i)\,x_i, \qquad
#   \frac{\partial L}{\partial b} = \frac{2}{n}\sum_i (\hat y_i - y_i).$$
#
# Both are negative at $w = b = 0$: the line lies below every point, and increasing $w$
# or $b$ lowers the loss.

# %%
x_data = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
y_data = torch.tensor([4.73, 8.10, 11.25, 13.07, 17.57])

plt.figure(figsize=(4, 3))
plt.scatter(x_data, y_data)
plt.xlabel("x")
plt.ylabel("y")
plt.title("Five noisy points near y = 3x + 2")
plt.show()

# %% [markdown]
# ### Exercise 1.1: `mse_grads`
#
# Write `mse_grads(x, y, w, b)` that returns the tuple `(dw, db)` of the two derivatives
# above, for 1-D tensors `x`, `y` of any length and floats `w`, `b`. Do not use autograd
# here: the point is the formula. (Returning Python floats or 0-d tensors are both fine.)

# %% solution id=mse_grads
def mse_grads(x, y, w, b):
    """Analytical gradients (dL/dw, dL/db) of the mean squared error of y_hat = w*x + b."""
    ### BEGIN SOLUTION
    residual = w * x + b - y
    n = x.shape[0]
    dw = 2.0 / n * (residual * x).sum()
    db = 2.0 / n * residual.sum()
    return dw, db
    ### END SOLUTION

# %% test id=test_mse_grads points=3
# At w = b = 0 on the five points, autograd says dL/dw = -77.924 and dL/db = -21.888.
dw, db = mse_grads(x_data, y_data, 0.0, 0.0)
checks.check_close("dL/dw at w=b=0", dw, -77.924, rtol=1e-4, likely={
    "the sign is flipped: the residual is y_hat - y.": 77.924,
    "the factor 2 from differentiating the square is missing.": -38.962,
    "a sum where the loss takes a mean: divide by n.": -389.62,
})
checks.check_close("dL/db at w=b=0", db, -21.888, rtol=1e-4, likely={
    "the sign is flipped: the residual is y_hat - y.": 21.888,
    "the factor 2 from differentiating the square is missing.": -10.944,
    "a sum where the loss takes a mean: divide by n.": -109.44,
})
checks.passed("mse_grads matches autograd on the five points.")
### BEGIN HIDDEN TESTS
def _reference_mse_grads(x, y, w, b):
    x, y = x.double(), y.double()
    wt = torch.tensor(float(w), dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(float(b), dtype=torch.float64, requires_grad=True)
    loss = ((wt * x + bt - y) ** 2).mean()
    return torch.autograd.grad(loss, (wt, bt))

_gen = torch.Generator().manual_seed(101)
for _dtype, _rtol in ((torch.float64, 1e-9), (torch.float32, 1e-4)):
    for _n in (1, 7, 64):
        _x = (torch.randn(_n, generator=_gen, dtype=torch.float64) * 3).to(_dtype)
        _y = (torch.randn(_n, generator=_gen, dtype=torch.float64) * 5).to(_dtype)
        _w, _b = -1.3, 0.7
        _ref_dw, _ref_db = _reference_mse_grads(_x, _y, _w, _b)
        _dw, _db = mse_grads(_x, _y, _w, _b)
        _where = f"(n={_n}, {_dtype}, w={_w}, b={_b})"
        checks.check_close(f"dL/dw {_where}", _dw, _ref_dw, rtol=_rtol, atol=1e-6, likely={
            "the sign is flipped: the residual is y_hat - y.": -_ref_dw,
            "the factor 2 from differentiating the square is missing.": _ref_dw / 2,
            "a sum where the loss takes a mean: divide by n.": _ref_dw * _n,
            "dL/dw needs the extra factor x_i inside the sum.": _ref_db,
        })
        checks.check_close(f"dL/db {_where}", _db, _ref_db, rtol=_rtol, atol=1e-6, likely={
            "the sign is flipped: the residual is y_hat - y.": -_ref_db,
            "the factor 2 from differentiating the square is missing.": _ref_db / 2,
            "a sum where the loss takes a mean: divide by n.": _ref_db * _n,
            "dL/db has no factor x_i (the derivative of b is 1).": _ref_dw,
        })
### END HIDDEN TESTS

# %% [markdown]
# ## 2. The sigmoid and its slope
#
# The network of the next section uses the logistic sigmoid
# $\sigma(z) = \frac{1}{1 + e^{-z}}$, whose derivative has the convenient form
# $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$.
#
# ### Exercise 2.1: `sigmoid` and `sigmoid_grad`
#
# Both work elementwise on a tensor of any shape and keep its dtype. They must not return
# NaN or inf anywhere in $|z| \le 100$, in float32 as well as float64. (Try
# `torch.exp(torch.tensor(100.0))` to see why the way you write the formula matters.) Write
# the formula rather than calling `torch.sigmoid`: that is the exercise.

# %% solution id=sigmoid
def sigmoid(z):
    """Elementwise logistic sigmoid 1 / (1 + exp(-z))."""
    ### BEGIN SOLUTION
    return 1.0 / (1.0 + torch.exp(-z))
    ### END SOLUTION

# %% test id=test_sigmoid points=2
checks.check_close("sigmoid(0)", sigmoid(torch.tensor(0.0)), 0.5)
checks.check_close("sigmoid([-2, 2])", sigmoid(torch.tensor([-2.0, 2.0])), [0.119203, 0.880797], rtol=1e-5)
checks.passed("sigmoid gives the right values at 0 and +-2.")
### BEGIN HIDDEN TESTS
_z64 = torch.linspace(-100, 100, 2001, dtype=torch.float64)
_ref64 = 1.0 / (1.0 + torch.exp(-_z64))
_s64 = sigmoid(_z64.clone())
checks.check(isinstance(_s64, torch.Tensor) and _s64.dtype == torch.float64,
             "sigmoid must return a tensor of the input's dtype (float64 in, float64 out).")
checks.check_finite("sigmoid on float64 z in [-100, 100]", _s64)
checks.check_close("sigmoid on float64 z in [-100, 100]", _s64, _ref64, rtol=1e-9, atol=1e-15, likely={
    "the sign in the exponent: sigmoid is 1 / (1 + exp(-z)).": 1.0 / (1.0 + torch.exp(_z64)),
})
_z32 = _z64.float()
_s32 = sigmoid(_z32.clone())
checks.check(_s32.dtype == torch.float32, "sigmoid must keep float32 inputs in float32.")
checks.check_finite("sigmoid on float32 z in [-100, 100] (exp overflows in float32: rewrite the formula)", _s32)
checks.check_close("sigmoid on float32 z in [-100, 100]", _s32, _ref64.float(), rtol=1e-5, atol=1e-7)
_grid = torch.linspace(-3, 3, 12, dtype=torch.float64).reshape(3, 4)
checks.check_close("sigmoid of a 3x4 tensor", sigmoid(_grid), 1.0 / (1.0 + torch.exp(-_grid)), rtol=1e-9)
### END HIDDEN TESTS

# %% solution id=sigmoid_grad
def sigmoid_grad(z):
    """Elementwise derivative of the sigmoid, sigma(z) * (1 - sigma(z))."""
    ### BEGIN SOLUTION
    s = sigmoid(z)
    return s * (1.0 - s)
    ### END SOLUTION

# %% test id=test_sigmoid_grad points=2
checks.check_close("sigmoid_grad(0)", sigmoid_grad(torch.tensor(0.0)), 0.25, likely={
    "this is sigma(0) itself; the slope is sigma(z) * (1 - sigma(z)).": 0.5,
    "z * (1 - z) uses z where sigma(z) belongs.": 0.0,
})
checks.check_close("sigmoid_grad([-2, 2])", sigmoid_grad(torch.tensor([-2.0, 2.0])), [0.104994, 0.104994], rtol=1e-5)
checks.passed("sigmoid_grad peaks at 0.25 and is symmetric.")
### BEGIN HIDDEN TESTS
_z64 = torch.linspace(-100, 100, 2001, dtype=torch.float64)
_s = 1.0 / (1.0 + torch.exp(-_z64))
_ref = _s * (1.0 - _s)
_g64 = sigmoid_grad(_z64.clone())
checks.check(isinstance(_g64, torch.Tensor) and _g64.dtype == torch.float64,
             "sigmoid_grad must return a tensor of the input's dtype (float64 in, float64 out).")
checks.check_finite("sigmoid_grad on float64 z in [-100, 100]", _g64)
checks.check_close("sigmoid_grad on float64 z in [-100, 100]", _g64, _ref, rtol=1e-8, atol=1e-15, likely={
    "this is sigma(z) itself, not its derivative.": _s,
    "the factor (1 - sigma(z)) is missing.": _s,
    "z * (1 - z) uses z where sigma(z) belongs.": _z64 * (1 - _z64),
    "the sign: the slope is sigma(z) * (1 - sigma(z)), which is never negative.": -_ref,
})
_g32 = sigmoid_grad(_z64.float())
checks.check(_g32.dtype == torch.float32, "sigmoid_grad must keep float32 inputs in float32.")
checks.check_finite("sigmoid_grad on float32 z in [-100, 100]", _g32)
checks.check_close("sigmoid_grad on float32 z in [-100, 100]", _g32, _ref.float(), rtol=1e-4, atol=1e-7)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. A tiny network, forward
#
# The network below has one input, two hidden sigmoid units and one linear output:
#
# $$\hat y = w_3\,\sigma(w_1 x + b_1) + w_4\,\sigma(w_2 x + b_2) + b_3 .$$
#
# Naming the intermediate values makes the chain rule easy to follow later:
# $z_1 = w_1 x + b_1$, $a_1 = \sigma(z_1)$, $z_2 = w_2 x + b_2$, $a_2 = \sigma(z_2)$ and
# $\hat y = w_3 a_1 + w_4 a_2 + b_3$. With the parameters below and the single example
# $(x, y) = (1, 3)$ you should find $z_1 = 2$, $a_1 \approx 0.881$, $z_2 = 1$,
# $a_2 \approx 0.731$ and $\hat y \approx 1.343$, well short of the target 3.

# %%
params = {"w1": 1.0, "w2": -1.0, "b1": 1.0, "b2": 2.0, "w3": 1.0, "w4": 2.0, "b3": -1.0}
x_one = torch.tensor([1.0])
y_one = torch.tensor([3.0])

# %% [markdown]
# ### Exercise 3.1: `forward`
#
# `forward(params, x)` takes the parameter dict (floats) and a 1-D tensor `x` of any length,
# and returns a dict with the tensors `z1`, `a1`, `z2`, `a2` and `y_hat`, each shaped like
# `x`. Use your `sigmoid`.

# %% solution id=forward
def forward(params, x):
    """Forward pass of the two-hidden-unit network; returns the intermediates z1 a1 z2 a2 y_hat."""
    ### BEGIN SOLUTION
    z1 = params["w1"] * x + params["b1"]
    a1 = sigmoid(z1)
    z2 = params["w2"] * x + params["b2"]
    a2 = sigmoid(z2)
    y_hat = params["w3"] * a1 + params["w4"] * a2 + params["b3"]
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "y_hat": y_hat}
    ### END SOLUTION

# %% test id=test_forward points=3
out = forward(params, x_one)
for key, value in {"z1": 2.0, "a1": 0.880797, "z2": 1.0, "a2": 0.731059, "y_hat": 1.342915}.items():
    checks.check(key in out, f"forward must return a dict with the key '{key}'.")
    checks.check_close(key, out[key], [value], rtol=1e-5, likely={
        "the output bias b3 is missing.": [value + 1.0] if key == "y_hat" else [float("nan")],
        "the second unit uses w1 and b1; it has its own w2 and b2.": [2.0] if key == "z2" else [float("nan")],
    })
checks.passed("forward reproduces the worked example.")
### BEGIN HIDDEN TESTS
def _reference_forward(p, x):
    x = x.double()
    z1 = p["w1"] * x + p["b1"]
    z2 = p["w2"] * x + p["b2"]
    a1 = 1.0 / (1.0 + torch.exp(-z1))
    a2 = 1.0 / (1.0 + torch.exp(-z2))
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "y_hat": p["w3"] * a1 + p["w4"] * a2 + p["b3"]}

_gen = torch.Generator().manual_seed(303)
_p = {k: float(v) for k, v in zip(["w1", "w2", "b1", "b2", "w3", "w4", "b3"],
                                   torch.randn(7, generator=_gen, dtype=torch.float64) * 1.5)}
for _dtype, _rtol in ((torch.float64, 1e-10), (torch.float32, 1e-5)):
    _x = (torch.randn(9, generator=_gen, dtype=torch.float64) * 2).to(_dtype)
    _out = forward(dict(_p), _x)
    _ref = _reference_forward(_p, _x)
    checks.check(isinstance(_out, dict), f"forward must return a dict, got {type(_out).__name__}.")
    for _key in ("z1", "a1", "z2", "a2", "y_hat"):
        checks.check(_key in _out, f"forward must return the key '{_key}'.")
        checks.check(isinstance(_out[_key], torch.Tensor) and tuple(_out[_key].shape) == tuple(_x.shape),
                     f"{_key} must be a tensor shaped like x {tuple(_x.shape)}.")
    checks.check_close(f"z1 ({_dtype})", _out["z1"], _ref["z1"], rtol=_rtol, atol=1e-6)
    checks.check_close(f"a1 ({_dtype})", _out["a1"], _ref["a1"], rtol=_rtol, atol=1e-6)
    checks.check_close(f"z2 ({_dtype})", _out["z2"], _ref["z2"], rtol=_rtol, atol=1e-6, likely={
        "z2 uses w1/b1; the second unit has its own w2 and b2.": _ref["z1"],
    })
    checks.check_close(f"a2 ({_dtype})", _out["a2"], _ref["a2"], rtol=_rtol, atol=1e-6)
    checks.check_close(f"y_hat ({_dtype})", _out["y_hat"], _ref["y_hat"], rtol=_rtol, atol=1e-6, likely={
        "the output bias b3 is missing.": _ref["y_hat"] - _p["b3"],
        "y_hat combines z1 and z2 where the activations a1 and a2 belong.":
            _p["w3"] * _ref["z1"] + _p["w4"] * _ref["z2"] + _p["b3"],
    })
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Backward, by hand
#
# We want the gradient of $L = \frac{1}{n}\sum_i (y_i - \hat y_i)^2$ with respect to all
# seven parameters. Work backwards from the loss, reusing each derivative you already have:
#
# * $\dfrac{\partial L}{\partial \hat y_i} = \dfrac{2}{n}(\hat y_i - y_i)$; call it $\delta_i$.
#   For the single example, $\delta = 2(1.343 - 3) = -3.314$.
# * Output layer: $\dfrac{\partial L}{\partial b_3} = \sum_i \delta_i$,
#   $\dfrac{\partial L}{\partial w_3} = \sum_i \delta_i a_{1,i}$,
#   $\dfrac{\partial L}{\partial w_4} = \sum_i \delta_i a_{2,i}$.
# * Hidden unit 1: $\hat y$ depends on $a_1$ through $w_3$, and $a_1$ on $z_1$ through
#   $\sigma'(z_1) = a_1(1-a_1)$, so $\dfrac{\partial L}{\partial z_{1,i}} = \delta_i\, w_3\, a_{1,i}(1 - a_{1,i})$.
#   Then $\partial L/\partial b_1 = \sum_i \partial L/\partial z_{1,i}$ and
#   $\partial L/\partial w_1 = \sum_i \partial L/\partial z_{1,i}\, x_i$.
# * Hidden unit 2 is the same with $w_4$, $a_2$, $b_2$, $w_2$.
#
# For $(x, y) = (1, 3)$: $\partial L/\partial b_3 = -3.3142$, $\partial L/\partial w_3 = -2.9191$,
# $\partial L/\partial w_4 = -2.4229$, $\partial L/\partial b_1 = \partial L/\partial w_1 = -0.3480$ and
# $\partial L/\partial b_2 = \partial L/\partial w_2 = -1.3032$. (Why are the $b_1$ and $w_1$
# gradients equal here? Would they be for $x = 2$?)
#
# This backwards sweep, from the loss towards the inputs, reusing what was computed, is
# **reverse-mode automatic differentiation**; applied to a network's parameters it is
# called **backpropagation**, and it is exactly what `loss.backward()` does.
#
# ### Exercise 4.1: `backward`
#
# `backward(params, x, y)` returns a dict with the seven gradients, keyed like `params`,
# for 1-D tensors `x`, `y` of any length. Use your `forward`, then the chain rule.
# **Do not use `torch.autograd` in any form** (no `.backward()`, `torch.autograd.grad`,
# `torch.func`): the grader checks.

# %% solution id=backward
def backward(params, x, y):
    """Gradients of L = mean((y - y_hat)^2) for all seven parameters, by the chain rule."""
    ### BEGIN SOLUTION
    out = forward(params, x)
    n = x.shape[0]
    delta = 2.0 / n * (out["y_hat"] - y)                     # dL/dy_hat per example
    dz1 = delta * params["w3"] * out["a1"] * (1 - out["a1"])  # dL/dz1 per example
    dz2 = delta * params["w4"] * out["a2"] * (1 - out["a2"])
    return {
        "b3": delta.sum(),
        "w3": (delta * out["a1"]).sum(),
        "w4": (delta * out["a2"]).sum(),
        "b1": dz1.sum(),
        "w1": (dz1 * x).sum(),
        "b2": dz2.sum(),
        "w2": (dz2 * x).sum(),
    }
    ### END SOLUTION

# %% test id=test_backward points=4
grads = backward(params, x_one, y_one)
expected = {"b3": -3.3142, "w3": -2.9191, "w4": -2.4229, "b1": -0.3480, "w1": -0.3480, "b2": -1.3032, "w2": -1.3032}
for name, value in expected.items():
    checks.check(name in grads, f"backward must return a gradient for '{name}'.")
    checks.check_close(f"dL/d{name}", grads[name], value, rtol=2e-4, atol=1e-4, likely={
        "the sign is flipped: dL/dy_hat = 2/n (y_hat - y).": -value,
        "the sigmoid derivative a*(1-a) is missing on the hidden path.":
            {"b1": -3.3142, "w1": -3.3142, "b2": -6.6283, "w2": -6.6283}.get(name, float("nan")),
    })
checks.passed("backward reproduces the worked example's seven gradients.")
### BEGIN HIDDEN TESTS
def _reference_backward(p, x, y):
    x, y = x.double(), y.double()
    leaves = {k: torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for k, v in p.items()}
    a1 = torch.sigmoid(leaves["w1"] * x + leaves["b1"])
    a2 = torch.sigmoid(leaves["w2"] * x + leaves["b2"])
    y_hat = leaves["w3"] * a1 + leaves["w4"] * a2 + leaves["b3"]
    loss = ((y - y_hat) ** 2).mean()
    names = list(leaves)
    return dict(zip(names, torch.autograd.grad(loss, [leaves[k] for k in names]))), {"a1": a1.detach(), "a2": a2.detach(), "y_hat": y_hat.detach()}

def _likely_backward_mistakes(p, x, y, ref, inter):
    x, y = x.double(), y.double()
    n = x.shape[0]
    delta = 2.0 / n * (inter["y_hat"] - y)
    a1, a2 = inter["a1"], inter["a2"]
    return {
        "b3": {"the sign is flipped: dL/dy_hat = 2/n (y_hat - y).": -ref["b3"],
               "a sum where the loss takes a mean: divide by n.": ref["b3"] * n,
               "the factor 2 is missing.": ref["b3"] / 2},
        "w3": {"dL/dw3 multiplies by a1 (the activation), not z1.": (delta * (p["w1"] * x + p["b1"])).sum(),
               "the sign is flipped.": -ref["w3"]},
        "w4": {"dL/dw4 multiplies by a2, the second unit's activation.": (delta * a1).sum()},
        "b1": {"the sigmoid derivative a1*(1-a1) is missing.": (delta * p["w3"]).sum(),
               "a1 is used where its derivative a1*(1-a1) belongs.": (delta * p["w3"] * a1).sum(),
               "unit 1's path goes through w3, not w4.": (delta * p["w4"] * a1 * (1 - a1)).sum()},
        "w1": {"dL/dw1 needs the factor x (it equals dL/db1 only when x = 1).": ref["b1"],
               "the sigmoid derivative a1*(1-a1) is missing.": (delta * p["w3"] * x).sum()},
        "b2": {"the sigmoid derivative a2*(1-a2) is missing.": (delta * p["w4"]).sum(),
               "unit 2's path goes through w4, not w3.": (delta * p["w3"] * a2 * (1 - a2)).sum()},
        "w2": {"dL/dw2 needs the factor x (it equals dL/db2 only when x = 1).": ref["b2"],
               "the sigmoid derivative a2*(1-a2) is missing.": (delta * p["w4"] * x).sum()},
    }

_gen = torch.Generator().manual_seed(404)
for _n, _dtype, _rtol in ((1, torch.float64, 1e-9), (8, torch.float64, 1e-9), (8, torch.float32, 1e-4), (50, torch.float64, 1e-9)):
    _p = {k: float(v) for k, v in zip(["w1", "w2", "b1", "b2", "w3", "w4", "b3"],
                                       torch.randn(7, generator=_gen, dtype=torch.float64) * 1.2)}
    _x = (torch.randn(_n, generator=_gen, dtype=torch.float64) * 2 + 0.5).to(_dtype)
    _y = (torch.randn(_n, generator=_gen, dtype=torch.float64) * 2).to(_dtype)
    _ref, _inter = _reference_backward(_p, _x, _y)
    _mistakes = _likely_backward_mistakes(_p, _x, _y, _ref, _inter)
    _grads = backward(dict(_p), _x.clone(), _y.clone())
    checks.check(isinstance(_grads, dict), f"backward must return a dict, got {type(_grads).__name__}.")
    for _name in ("b3", "w3", "w4", "b1", "w1", "b2", "w2"):
        checks.check(_name in _grads, f"backward must return a gradient for '{_name}'.")
        checks.check_close(f"dL/d{_name} (n={_n}, {_dtype})", _grads[_name], _ref[_name],
                           rtol=_rtol, atol=1e-6, likely=_mistakes[_name])
### END HIDDEN TESTS

# %% test id=test_backward_no_autograd points=2
# Hidden test: backward is run with torch.autograd switched off and must still work.
### BEGIN HIDDEN TESTS
_gen = torch.Generator().manual_seed(405)
_x = torch.randn(6, generator=_gen, dtype=torch.float64)
_y = torch.randn(6, generator=_gen, dtype=torch.float64)
with checks.forbid_autograd() as _autograd_calls:
    try:
        backward(dict(params), _x, _y)
    except checks.AutogradUsed:
        pass
checks.check(not _autograd_calls,
             "backward used torch.autograd (a .backward() call, torch.autograd.grad or torch.func); "
             "the exercise asks for the chain rule by hand.")
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Checking gradients numerically
#
# How do you know a hand-written gradient is right? Nudge one parameter by a small $h$ in
# both directions and watch the loss:
#
# $$\frac{\partial f}{\partial p} \approx \frac{f(p + h) - f(p - h)}{2h}.$$
#
# This *central difference* is accurate to order $h^2$; the one-sided
# $(f(p+h) - f(p))/h$ only to order $h$. It needs two evaluations per parameter, far too
# many for a network with millions of parameters, but it is the standard way to test a
# backward pass.
#
# ### Exercise 5.1: `numerical_grad`
#
# `numerical_grad(f, params, name, h=1e-4)` returns the central difference of the scalar
# function `f(params)` with respect to `params[name]`, as a float. It must not modify the
# caller's dict, not even temporarily: build shifted copies.

# %% solution id=numerical_grad
def numerical_grad(f, params, name, h=1e-4):
    """Central-difference estimate of d f(params) / d params[name]."""
    ### BEGIN SOLUTION
    plus = dict(params)
    minus = dict(params)
    plus[name] = params[name] + h
    minus[name] = params[name] - h
    return float((f(plus) - f(minus)) / (2 * h))
    ### END SOLUTION

# %% test id=test_numerical_grad points=3
def loss_of(p):
    # float64: with h = 1e-4, float32's 7 digits would drown the difference in rounding.
    return float(((y_one.double() - forward(p, x_one.double())["y_hat"]) ** 2).mean())

checks.check_close("numerical dL/db3", numerical_grad(loss_of, params, "b3"), -3.3142, rtol=1e-3, likely={
    "the central difference divides by 2h, not h.": -6.6284,
})
checks.check_close("numerical dL/dw1", numerical_grad(loss_of, params, "w1"), -0.3480, rtol=1e-3)
checks.passed("numerical_grad agrees with the worked example.")
### BEGIN HIDDEN TESTS
_seen_caller_values = []
_caller = {"a": 2.0, "b": 1.5, "c": -0.25}
_caller_copy = dict(_caller)

def _cubic(p):
    _seen_caller_values.append(dict(_caller))
    return p["a"] ** 3 + p["b"] * p["a"] + p["c"]

_exact = 3 * 2.0 ** 2 + 1.5
_h = 0.5
_central = ((2.0 + _h) ** 3 + 1.5 * (2.0 + _h) - (2.0 - _h) ** 3 - 1.5 * (2.0 - _h)) / (2 * _h)
_forward_diff = ((2.0 + _h) ** 3 + 1.5 * (2.0 + _h) - 2.0 ** 3 - 1.5 * 2.0) / _h
_got = numerical_grad(_cubic, _caller, "a", h=_h)
checks.check_close("numerical_grad of a^3 + b*a at a=2 with h=0.5", _got, _central, rtol=1e-9, likely={
    "a one-sided difference (f(p+h) - f(p)) / h; use the central (f(p+h) - f(p-h)) / 2h.": _forward_diff,
    "the division by 2h is missing a factor 2.": 2 * _central,
    "the argument h is ignored (the default 1e-4 was used).": _exact + 1e-8,
    "the sign: (f(p+h) - f(p-h)) / 2h.": -_central,
})
checks.check(_caller == _caller_copy and set(_caller) == {"a", "b", "c"},
              "numerical_grad changed the caller's dict; shift a copy instead.")
checks.check(all(v == _caller_copy for v in _seen_caller_values),
             "numerical_grad modified the caller's dict while f was running (even if it was put back "
             "afterwards); shift a copy instead.")
_got_b = numerical_grad(_cubic, _caller, "b")
checks.check_close("numerical_grad with respect to b (default h)", _got_b, 2.0, rtol=1e-6)
_got_c = numerical_grad(lambda p: torch.tensor(p["c"], dtype=torch.float64) ** 2, {"c": 3.0}, "c", h=1e-3)
checks.check_close("numerical_grad when f returns a tensor", _got_c, 6.0, rtol=1e-6)
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Checking against `torch.autograd`
#
# Now the same network as a PyTorch module. `nn.Linear(1, 2)` holds $w_1, w_2$ and
# $b_1, b_2$; `nn.Linear(2, 1)` holds $w_3, w_4$ and $b_3$. After `loss.backward()` each
# parameter's `.grad` holds $\partial L/\partial\theta$: compare with your `backward` and
# your `numerical_grad`.

# %%
class TinyNetwork(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = torch.nn.Linear(1, 2)
        self.output = torch.nn.Linear(2, 1)

    def forward(self, x):
        return self.output(torch.sigmoid(self.hidden(x)))


def tiny_network(p):
    model = TinyNetwork()
    with torch.no_grad():
        model.hidden.weight[:] = torch.tensor([[p["w1"]], [p["w2"]]])
        model.hidden.bias[:] = torch.tensor([p["b1"], p["b2"]])
        model.output.weight[:] = torch.tensor([[p["w3"], p["w4"]]])
        model.output.bias[:] = torch.tensor([p["b3"]])
    return model


model = tiny_network(params)
loss = torch.nn.functional.mse_loss(model(x_one.view(-1, 1)).view(-1), y_one)
loss.backward()
by_autograd = {"w1": model.hidden.weight.grad[0, 0], "w2": model.hidden.weight.grad[1, 0],
               "b1": model.hidden.bias.grad[0], "b2": model.hidden.bias.grad[1],
               "w3": model.output.weight.grad[0, 0], "w4": model.output.weight.grad[0, 1],
               "b3": model.output.bias.grad[0]}
by_hand = backward(params, x_one, y_one)
print(f"{'param':>6} {'autograd':>10} {'by hand':>10} {'numerical':>10}")
for name in by_autograd:
    print(f"{name:>6} {float(by_autograd[name]):10.4f} {float(by_hand[name]):10.4f} "
          f"{numerical_grad(loss_of, params, name):10.4f}")

# %% [markdown]
# ### (Optional) The graph autograd recorded
#
# During the forward pass autograd recorded every operation in a graph; `backward()` walks
# it from the loss to the leaves. Each box below is a node of that graph (a `grad_fn`), and
# the parameters sit at the leaves as `AccumulateGrad` nodes. Compare it with the
# chain-rule steps you wrote.

# %%
draw_autograd_graph(loss, dict(model.named_parameters()))
plt.show()

# %% [markdown]
# ## 7. Gradients accumulate
#
# `backward()` does not overwrite `.grad`: it **adds** to it. Run the cell and watch the
# gradient of the hidden biases grow with every call.

# %%
model = tiny_network(params)
for call in range(1, 4):
    loss = torch.nn.functional.mse_loss(model(x_one.view(-1, 1)).view(-1), y_one)
    loss.backward()
    print(f"after backward() call {call}: dL/db3 = {model.output.bias.grad.item():.4f}")

# %% [markdown]
# That is why a training loop calls `optimizer.zero_grad()` (or `model.zero_grad()`) before
# each backward pass. Accumulation is deliberate: it lets you add up the gradients of
# several small batches before one update when a large batch does not fit in memory, and it
# makes the gradient of a sum of losses the sum of their gradients.

# %%
model = tiny_network(params)
for call in range(1, 4):
    model.zero_grad()
    loss = torch.nn.functional.mse_loss(model(x_one.view(-1, 1)).view(-1), y_one)
    loss.backward()
    print(f"with zero_grad, call {call}: dL/db3 = {model.output.bias.grad.item():.4f}")

# %% [markdown]
# ### Question 7.1 (autograded)
#
# A fresh `tiny_network(params)` (with `.grad` empty); you compute the loss on $(x, y) = (1, 3)$
# and call `loss.backward()` **four** times without zeroing. Set `b3_grad_after_four_calls`
# to the value of `model.output.bias.grad` (a float, to 3 decimals or better).

# %% solution id=b3_grad_after_four_calls
### BEGIN SOLUTION
b3_grad_after_four_calls = 4 * -3.3142
### END SOLUTION

# %% test id=test_b3_grad_after_four_calls points=1
checks.check(type(b3_grad_after_four_calls) in (float, int),
             "b3_grad_after_four_calls should be a number (a float).")
### BEGIN HIDDEN TESTS
checks.check_close("b3_grad_after_four_calls", b3_grad_after_four_calls, -13.2568, rtol=1e-3, likely={
    "that is one call's gradient; the four calls add up.": -3.3142,
    "the gradient of the bias is negative here: y_hat is below the target.": 13.2568,
})
### END HIDDEN TESTS

# %% [markdown]
# ### Question 7.2 (written, 2 points)
#
# A classmate's training loop never calls `zero_grad()`. Describe what happens to the
# updates as training goes on, and why the loss may still fall for a while. Then name one
# situation in which accumulating gradients over several `backward()` calls is exactly what
# you want.

# %% [markdown] manual id=written_zero_grad points=2
# ### BEGIN SOLUTION
# *Rubric (2 points):* 1 point for explaining that each step uses the sum of all gradients
# so far (the effective step grows / mixes stale gradients, so training becomes erratic or
# diverges, even if early steps still point roughly downhill); 1 point for a valid use of
# accumulation (simulating a larger batch from several small ones, or summing the gradients
# of several losses).
#
# Without `zero_grad()` the gradient used at step t is the sum of the gradients of steps
# 1..t. Early on they all point roughly the same way, so the loss still falls, but the
# effective step keeps growing and carries stale directions, so training overshoots,
# oscillates or diverges. Accumulation is wanted when a batch does not fit in memory:
# run several small batches, let their gradients add up, then take one step (gradient
# accumulation), or when a loss is a sum of parts that are backpropagated separately.
# ### END SOLUTION

# %% [markdown]
# ## 8. Vanishing gradients
#
# Backpropagation multiplies one local derivative per layer. The sigmoid's slope is at most
# $0.25$, and nearly zero once $|z|$ is more than a few units: the unit *saturates*.

# %%
plot_sigmoid_and_derivative(sigmoid, sigmoid_grad)
plt.show()

# %% [markdown]
# In a chain of $k$ sigmoid layers the gradient reaching the first one contains a product of
# $k$ such slopes (times the weights). With unit weights it shrinks at least as fast as
# $0.25^k$; here it is measured on a chain of scalar sigmoid "layers":

# %%
def chain_gradient(depth, z0=0.5):
    """d a_k / d z_0 for a_k = sigma(sigma(...sigma(z0))) with `depth` sigmoids, by the chain rule."""
    value, grad = torch.tensor(z0, dtype=torch.float64), 1.0
    for _ in range(depth):
        grad = grad * sigmoid_grad(value)
        value = sigmoid(value)
    return float(grad)

depths = list(range(1, 16))
plt.figure(figsize=(5, 3.5))
plt.semilogy(depths, [chain_gradient(d) for d in depths], "o-", label="chain of sigmoids")
plt.semilogy(depths, [0.25 ** d for d in depths], "--", label="$0.25^k$ bound")
plt.xlabel("number of sigmoid layers k")
plt.ylabel("gradient reaching the first layer")
plt.legend()
plt.show()

# %% [markdown]
# ### Question 8.1 (autograded)
#
# Set `max_sigmoid_slope` to the largest value $\sigma'(z)$ takes, and
# `ten_layer_bound` to the largest factor by which the sigmoid slopes alone can scale a
# gradient passing through ten sigmoid layers.

# %% solution id=vanishing_numbers
### BEGIN SOLUTION
max_sigmoid_slope = 0.25
ten_layer_bound = 0.25 ** 10
### END SOLUTION

# %% test id=test_vanishing_numbers points=1
checks.check(type(max_sigmoid_slope) in (float, int) and type(ten_layer_bound) in (float, int),
             "Both answers should be numbers.")
### BEGIN HIDDEN TESTS
checks.check_close("max_sigmoid_slope", max_sigmoid_slope, 0.25, rtol=1e-6, likely={
    "0.5 is sigma(0), the sigmoid's value at 0; its slope there is 0.25.": 0.5,
})
checks.check_close("ten_layer_bound", ten_layer_bound, 0.25 ** 10, rtol=1e-6, likely={
    "ten layers multiply ten slopes: 0.25 ** 10, not 0.25 * 10.": 2.5,
    "that is 0.5 ** 10; the slope is at most 0.25.": 0.5 ** 10,
})
### END HIDDEN TESTS

# %% [markdown]
# ### Question 8.2 (written, 3 points)
#
# A 20-layer network with sigmoid activations trains: its last layers improve quickly but its
# first layers barely change. Explain why, using the chain rule, and propose two changes that
# would help, saying for each why it helps.

# %% [markdown] manual id=written_vanishing points=3
# ### BEGIN SOLUTION
# *Rubric (3 points):* 1 point for the chain-rule argument (the gradient of an early layer is
# a product of many per-layer factors, each sigmoid slope <= 0.25, so it shrinks
# geometrically with depth); 1 point each, up to 2, for remedies with a correct reason:
# ReLU-family activations (slope 1 where active), careful initialisation keeping
# pre-activations near zero (Xavier/He), normalisation layers, residual connections (a path
# with derivative 1), or fewer layers.
#
# The gradient reaching layer 1 is the product of the derivatives of all later layers. Each
# sigmoid contributes a factor sigma'(z) <= 0.25 (much less when it saturates), so after 20
# layers the product is at most 0.25^20 times the weights: the early layers get almost no
# gradient and barely move. Remedies: ReLU activations, whose slope is 1 where active, so the
# product does not shrink by design; He/Xavier initialisation, keeping pre-activations in
# the sigmoid's steep region; batch normalisation; residual connections, which add a path
# whose derivative is 1.
# ### END SOLUTION

# %% [markdown]
# ## Summary
#
# * A gradient of a composite function is a product of local derivatives (the chain rule);
#   backpropagation evaluates it from the loss backwards, reusing every intermediate.
# * `torch.autograd` records the forward computation and does exactly that in `backward()`.
# * Central differences are the independent check for any hand-written gradient.
# * `.grad` accumulates; zero it before each backward pass unless you mean to add up.
# * Products of many small sigmoid slopes make gradients vanish in deep networks.
