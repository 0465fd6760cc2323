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
# explanation of what is wrong when it does not. (A test cell that only hidden tests can
# judge says what they check, on a line starting with "…".) More tests, hidden from you, run when
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
# A second point, off the axes, where a mix-up of w and b cannot hide.
dw, db = mse_grads(x_data, y_data, 1.5, -0.5)
checks.check_close("dL/dw at w=1.5, b=-0.5", dw, -47.924, rtol=1e-4)
checks.check_close("dL/db at w=1.5, b=-0.5", db, -13.888, rtol=1e-4)
checks.passed("mse_grads matches autograd on the five points, at w = b = 0 and at w = 1.5, b = -0.5.")

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
checks.check_close("sigmoid([-2, 2])", sigmoid(torch.tensor([-2.0, 2.0])), [0.119203, 0.880797], rtol=1e-5, likely={
    "the sign in the exponent: sigmoid is 1 / (1 + exp(-z)).": [0.880797, 0.119203],
})
checks.passed("sigmoid gives the right values at 0 and +-2.")

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
# A second input, x = -1.5, where each unit's weight and bias play different parts.
out = forward(params, torch.tensor([-1.5]))
for key, value in {"z1": -0.5, "a1": 0.377541, "z2": 3.5, "a2": 0.970688, "y_hat": 1.318916}.items():
    checks.check_close(f"{key} at x = -1.5", out[key], [value], rtol=1e-5)
checks.passed("forward reproduces the worked example, and the network at x = -1.5.")

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
# At x = 1 each weight's gradient equals its bias's (dz/dw = x = 1); at x = -1.5 they differ.
grads = backward(params, torch.tensor([-1.5]), torch.tensor([3.0]))
expected = {"b3": -3.3622, "w3": -1.2694, "w4": -3.2636, "b1": -0.7901, "w1": 1.1852, "b2": -0.1913, "w2": 0.2870}
for name, value in expected.items():
    checks.check_close(f"dL/d{name} at (x, y) = (-1.5, 3)", grads[name], value, rtol=2e-4, atol=1e-4, likely={
        "the input x is missing from a weight's gradient (dz/dw = x).": {"w1": -0.7901, "w2": -0.1913}.get(name, float("nan")),
    })
checks.passed("backward reproduces the worked example's seven gradients, and those at (x, y) = (-1.5, 3).")

# %% test id=test_backward_no_autograd points=2
checks.graded_later("Backward runs with torch.autograd switched off and must still work.")

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
# gradient of the output bias $b_3$ grow with every call. (Each call needs a loss computed
# afresh: `backward()` frees the graph it walks, so a second call on the same `loss` raises.)

# %%
model = tiny_network(params)
accumulated_b3 = []
for call in range(1, 4):
    loss = torch.nn.functional.mse_loss(model(x_one.view(-1, 1)).view(-1), y_one)
    loss.backward()
    accumulated_b3.append(model.output.bias.grad.item())
    print(f"after backward() call {call}: dL/db3 = {accumulated_b3[-1]:.4f}")

# %% [markdown]
# That is why a training loop calls `optimizer.zero_grad()` (or `model.zero_grad()`) before
# each backward pass. Accumulation is deliberate: it lets you add up the gradients of
# several small batches before one update when a large batch does not fit in memory, and it
# makes the gradient of a sum of losses the sum of their gradients.

# %%
model = tiny_network(params)
zeroed_b3 = []
for call in range(1, 4):
    model.zero_grad()
    loss = torch.nn.functional.mse_loss(model(x_one.view(-1, 1)).view(-1), y_one)
    loss.backward()
    zeroed_b3.append(model.output.bias.grad.item())
    print(f"with zero_grad, call {call}: dL/db3 = {zeroed_b3[-1]:.4f}")

# %% [markdown]
# ### Question 7.1 (autograded)
#
# A fresh `tiny_network(params)` (with `.grad` empty). **Four** times, you compute the loss
# on the example $(x, y) = (2, 3)$, which no cell above uses, and call `loss.backward()`,
# never zeroing the gradients in between. Set `b3_grad_after_four_calls` to the value
# `model.output.bias.grad` then holds (a float, to 3 decimals or better). Work out first
# what one call adds to it, then check your answer in a cell of your own.

# %% solution id=b3_grad_after_four_calls
### BEGIN SOLUTION
b3_grad_after_four_calls = -16.379407   # four times dL/db3 = 2 (y_hat - y) at x = 2, where y_hat = 0.952574
### END SOLUTION

# %% test id=test_b3_grad_after_four_calls points=1
checks.check(type(b3_grad_after_four_calls) in (float, int),
             "b3_grad_after_four_calls should be a number (a float).")
checks.passed("b3_grad_after_four_calls is a number; its value is checked when your work is graded.")

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
chain_gradients = [chain_gradient(d) for d in depths]
plt.figure(figsize=(5, 3.5))
plt.semilogy(depths, chain_gradients, "o-", label="chain of sigmoids")
plt.semilogy(depths, [0.25 ** d for d in depths], "--", label="$0.25^k$ bound")
plt.xlabel("number of sigmoid layers k")
plt.ylabel("gradient reaching the first layer")
plt.legend()
plt.show()

# %% [markdown]
# ### Question 8.1 (autograded)
#
# Two numbers that none of the cells above prints; use the chain rule.
#
# * `max_tanh_slope`: the largest value of $\tanh'(z)$. The tanh is a rescaled sigmoid,
#   $\tanh(z) = 2\,\sigma(2z) - 1$.
# * `ten_layer_bound`: a chain of ten sigmoid layers whose weights are all 3,
#   $a_k = \sigma(3\,a_{k-1})$. The largest factor by which the local derivatives
#   $d a_k / d a_{k-1}$ of the ten layers, multiplied together, can scale a gradient
#   passing through the chain.

# %% solution id=vanishing_numbers
### BEGIN SOLUTION
max_tanh_slope = 1.0           # d/dz [2 sigma(2z) - 1] = 4 sigma'(2z) <= 4 * 0.25
ten_layer_bound = 0.75 ** 10   # each layer: 3 * sigma'(3 a) <= 3 * 0.25
### END SOLUTION

# %% test id=test_vanishing_numbers points=1
checks.check(type(max_tanh_slope) in (float, int) and type(ten_layer_bound) in (float, int),
             "Both answers should be numbers.")
checks.passed("max_tanh_slope and ten_layer_bound are numbers; their values are checked when your work is graded.")

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
