# %% [markdown]
# # Assignment 2: Gradient descent
#
# In assignment 1 you computed gradients. Now you use them: start with a guess for the
# parameters, take a small step against the gradient, and repeat until the loss stops
# falling. That loop, *gradient descent*, trains every network in this course. You will
# write it four times, each time handing more of the work to PyTorch: by hand with the
# analytical gradients, with `torch.autograd`, with `nn.Linear` + `optim.SGD` +
# `nn.MSELoss`, and finally over mini-batches from a `DataLoader`. Along the way you will
# see what the learning rate does when it is too small, just right and too large.
#
# **How this notebook works.** Cells marked `YOUR CODE HERE` are yours. After each one, a
# test cell checks your answer and prints a line starting with ✔ when it passes, or an
# explanation of what is wrong. (A test cell that only hidden tests can
# judge says what they check, on a line starting with "…".) More tests, hidden from you, run when the notebook is
# graded: they call your functions on other data and other learning rates, and train
# models of their own with your loops, comparing where they end with a correct loop from
# the same start, so write general code, not code that only fits the example. Use
# *Validate* (or *Kernel → Restart & Run All*) before you submit. Written questions are
# graded by hand: say what you found and why, in your own words.

# %% locked id=setup
%matplotlib inline
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset
import matplotlib.pyplot as plt

from course import checks, probes, toy_data
from course.explorers import paint_line_fit, paint_loss_landscape, paint_losses
from course.live import LiveCurves, LiveFigure, progress
from course.notebook import setup

GRADING = setup(seed=0)
torch.set_num_threads(1)  # the models here are tiny: one CPU thread is faster than several

# %% [markdown]
# ## 1. One step downhill
#
# The same five measurements as in assignment 1, near the line $y = 3x + 2$, and the model
# $\hat y = w x + b$ with the mean squared error
# $L(w, b) = \frac{1}{n}\sum_i (w x_i + b - y_i)^2$. You know its gradient:
#
# $$\frac{\partial L}{\partial w} = \frac{2}{n}\sum_i (w x_i + b - y_i)\,x_i, \qquad
#   \frac{\partial L}{\partial b} = \frac{2}{n}\sum_i (w x_i + b - y_i).$$
#
# The gradient points in the direction in which $L$ grows fastest, so a small step the
# other way lowers the loss. With a **learning rate** $\eta > 0$ one step of gradient
# descent is
#
# $$w \leftarrow w - \eta\,\frac{\partial L}{\partial w}, \qquad
#   b \leftarrow b - \eta\,\frac{\partial L}{\partial b},$$
#
# with **both derivatives evaluated at the old** $(w, b)$: compute the two gradients first,
# then update both parameters. The data here are float64 tensors, so your results can be
# compared to many digits.

# %%
x_data, y_data = toy_data.five_points(dtype=torch.float64)
print("x =", x_data.tolist())
print("y =", y_data.tolist())

plt.figure(figsize=(4, 3))
plt.scatter(x_data, y_data)
plt.xlabel("x")
plt.ylabel("y")
plt.title("Five noisy points near y = 3x + 2")
plt.show()

# %% [markdown]
# ### Exercise 1.1: `gd_step`
#
# Write `gd_step(w, b, x, y, lr)` that returns `(w_new, b_new)` after **one** step of
# gradient descent on the mean squared error, using the analytical gradients above (no
# autograd). `x` and `y` are 1-D tensors of any length; `w` and `b` are Python floats or
# 0-d tensors. Return new values: do not modify `x`, `y` or tensors passed as `w`, `b`.
#
# From $w = b = 0$ with $\eta = 0.01$ you should get $w \approx 0.7792$, $b \approx 0.2189$.

# %% solution id=gd_step
def gd_step(w, b, x, y, lr):
    """One gradient-descent step on L = mean((w*x + b - y)^2); returns (w_new, b_new)."""
    ### BEGIN SOLUTION
    residual = w * x + b - y
    n = x.shape[0]
    dw = 2.0 / n * (residual * x).sum()
    db = 2.0 / n * residual.sum()
    return w - lr * dw, b - lr * db
    ### END SOLUTION

# %% test id=test_gd_step points=3
w1, b1 = gd_step(0.0, 0.0, x_data, y_data, 0.01)
checks.check_close("w after one step from 0 (lr=0.01)", w1, 0.779244, rtol=1e-5, likely={
    "the step goes uphill: subtract lr * gradient.": -0.779244,
    "the factor 2 of the gradient is missing.": 0.389622,
    "a sum where the loss takes a mean: divide by n.": 3.89622,
})
checks.check_close("b after one step from 0 (lr=0.01)", b1, 0.21888, rtol=1e-5, likely={
    "the step goes uphill: subtract lr * gradient.": -0.21888,
    "b's gradient was computed with the already updated w; evaluate both gradients at the old "
    "(w, b), then update both.": 0.172126,
})
# A second start, away from the origin, where w and b move by different amounts.
w2, b2 = gd_step(2.0, 1.0, x_data, y_data, 0.01)
checks.check_close("w after one step from (w, b) = (2, 1)", w2, 2.27924, rtol=1e-5)
checks.check_close("b after one step from (w, b) = (2, 1)", b2, 1.07888, rtol=1e-5, likely={
    "b's gradient was computed with the already updated w; evaluate both gradients at the old "
    "(w, b), then update both.": 1.0621256,
})
checks.passed("gd_step takes the first step of the lecture's run, and a step from (w, b) = (2, 1).")

# %% [markdown]
# ## 2. Watching it learn
#
# Ten steps from $w = b = 0$ with $\eta = 0.01$. On the left, the line after each step; on
# the right, the loss so far. The loss recorded for epoch $i$ is the one computed *before*
# that epoch's step, so epoch 1 shows the loss of the starting guess (the horizontal line
# $y = 0$).

# %%
def run_gd(lr, num_epochs, w=0.0, b=0.0, x=x_data, y=y_data):
    """Gradient descent with your gd_step; returns the visited ws, bs and the losses before each step."""
    ws, bs, losses = [float(w)], [float(b)], []
    for epoch in range(num_epochs):
        losses.append(float(((w * x + b - y) ** 2).mean()))
        w, b = gd_step(w, b, x, y, lr)
        ws.append(float(w))
        bs.append(float(b))
    return ws, bs, losses


live = LiveFigure(ncols=2, figsize=(10, 3.6), pause=0.6)
w, b, losses = 0.0, 0.0, []
print(f"{'epoch':>5} {'loss':>10} {'w':>8} {'b':>8}")
for epoch in range(1, 11):
    losses.append(float(((w * x_data + b - y_data) ** 2).mean()))
    w, b = gd_step(w, b, x_data, y_data, 0.01)
    print(f"{epoch:5d} {losses[-1]:10.4f} {float(w):8.4f} {float(b):8.4f}")
    paint = lambda axes: (paint_line_fit(axes[0], x_data, y_data, w, b, title=f"after epoch {epoch}", ylim=(0, 19)),
                          paint_losses(axes[1], {"lr = 0.01": losses}, xmax=10))
    live.update(paint)
live.show(paint)
plt.show()

# %% [markdown]
# The loss falls fast at first and then more slowly: near the minimum the gradient, and
# with it the step, becomes small. After ten steps the line is close to the points but
# not yet the best line, which least squares computes directly:

# %%
design = torch.stack([x_data, torch.ones_like(x_data)], dim=1)   # one row (x_i, 1) per point
w_best, b_best = torch.linalg.lstsq(design, y_data.unsqueeze(1)).solution[:, 0].tolist()
best_loss = float(((w_best * x_data + b_best - y_data) ** 2).mean())
ten_step_loss = float(((w * x_data + b - y_data) ** 2).mean())
print(f"after 10 steps: w = {float(w):.3f}, b = {float(b):.3f}, loss {ten_step_loss:.4f}")
print(f"best line:      w = {w_best:.3f}, b = {b_best:.3f}, loss {best_loss:.4f}")

# %% [markdown]
# ## 3. The learning rate
#
# How far to step is up to you. Below, gradient descent runs with four learning rates.
# First the loss **on a log scale**, then the path each run takes through the $(w, b)$
# plane, over the contours of $L$ (the star is the minimum).

# %%
rates = {"lr = 0.001 (crawls)": 0.001, "lr = 0.02": 0.02, "lr = 0.08": 0.08, "lr = 0.1 (diverges)": 0.1}
runs = {label: run_gd(lr, 60) for label, lr in rates.items()}
fig, ax = plt.subplots(figsize=(6, 3.8))
paint_losses(ax, {label: losses for label, (_, _, losses) in runs.items()}, log=True,
             title="Loss (log scale) for four learning rates")
plt.show()

fig, axes = plt.subplots(1, 4, figsize=(15, 3.6))
for ax, (label, (ws, bs, _)) in zip(axes, runs.items()):
    paint_loss_landscape(ax, x_data, y_data, {label: (ws, bs)}, wlim=(-0.5, 7.0), blim=(-1.0, 3.0), title=label,
                         steps=60 if GRADING else 200)
plt.tight_layout()
plt.show()
for label, (_, _, rate_losses) in runs.items():
    print(f"{label}: loss {rate_losses[0]:.2f} at the start, {rate_losses[-1]:.3g} in epoch {len(rate_losses)}")

# %% [markdown]
# Three things to see:
#
# * **Too small (0.001): it crawls.** Every step goes the right way but covers almost no
#   ground: in its 60th epoch its loss (printed above) is still far above where 0.02 and
#   0.08 have got to.
# * **Too large (0.1): it diverges.** Each step overshoots the valley floor and lands
#   *higher* on the opposite slope, where the gradient is steeper, so the next step is
#   longer still: the zig-zag grows until the path leaves the picture, and the loss
#   explodes geometrically (a straight line on the log scale).
# * **0.02 against 0.08.** The valley is long and narrow: the loss is much more curved
#   across it (mostly the $w$ direction) than along it. With 0.02 the path drops straight
#   to the valley floor within a few epochs, then creeps along the flat floor. With 0.08
#   every step across the valley overshoots (by a little less each time, so it
#   converges), which costs at first, but its larger steps along the floor win in the
#   end. One learning rate has to suit both directions at once; that tension is the
#   reason for the adaptive optimizers you will meet later.
#
# For this quadratic loss the limit can be computed: gradient descent converges exactly
# when $\eta < 2/\lambda_{\max}$, where $\lambda_{\max}$ is the largest eigenvalue of the
# matrix of second derivatives of $L$,
#
# $$H = \frac{2}{n}\begin{pmatrix} \sum_i x_i^2 & \sum_i x_i \\ \sum_i x_i & n \end{pmatrix}.$$
#
# Along the eigenvector of $\lambda$, each step multiplies the distance from the minimum
# by $1 - \eta\lambda$: below the limit its size is under 1, above it over 1. For a network
# nobody computes this; one tries learning rates spaced by factors of about 3 and watches
# the loss curve.

# %%
n_points = len(x_data)
hessian = 2 / n_points * torch.tensor([[float((x_data ** 2).sum()), float(x_data.sum())],
                                       [float(x_data.sum()), n_points]], dtype=torch.float64)
curvatures = torch.linalg.eigvalsh(hessian).tolist()          # ascending
lr_limit = 2 / curvatures[-1]
print(f"curvatures (eigenvalues of H): {curvatures[0]:.3f} and {curvatures[-1]:.2f}; "
      f"gradient descent converges for lr < 2 / {curvatures[-1]:.2f} = {lr_limit:.4f}")

# %% [markdown]
# ### Explorer: learning rate and epochs
#
# Drag the sliders (the learning-rate slider is logarithmic). Find a learning rate that
# crawls, one that converges quickly, and the smallest one that diverges. Watch the title
# of the right panel: how many epochs does it take to get the loss below 0.3?

# %%
def explore_gd(lr=0.01, epochs=30):
    ws, bs, losses = run_gd(lr, epochs)
    final = float(((ws[-1] * x_data + bs[-1] - y_data) ** 2).mean())
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    paint_line_fit(axes[0], x_data, y_data, ws[-1], bs[-1], title=f"after {epochs} epochs", ylim=(0, 19))
    paint_losses(axes[1], {f"lr = {lr:.4g}": losses}, log=True, title=f"loss after {epochs} epochs: {final:.4g}")
    plt.show()


if not GRADING:
    from ipywidgets import FloatLogSlider, IntSlider, interact
    interact(explore_gd,
             lr=FloatLogSlider(value=0.01, base=10, min=-4, max=-0.5, step=0.02, readout_format=".4f"),
             epochs=IntSlider(value=30, min=1, max=200))
else:
    print("(The explorer is not built in grading mode.)")

# %% [markdown]
# ### Question 3.1 (autograded)
#
# The valley's shape comes from the data. Shift the inputs so that their mean is zero,
# `x_centred = x_data - x_data.mean()`, that is $[-2, -1, 0, 1, 2]$, and keep $y$: the
# model $\hat y = w x + b$ can draw the same lines as before, but now
# $\frac{2}{n}\sum_i x_i^2 = 4$ and $\frac{2}{n}\sum_i x_i = 0$, so the matrix of second
# derivatives is $H = \begin{pmatrix} 4 & 0 \\ 0 & 2 \end{pmatrix}$. Gradient descent
# starts at $w = b = 0$ and runs for 10 epochs with each of the learning rates
# `[0.01, 0.08, 0.3, 0.45, 0.55, 1.0]`. Predict the answers from $H$ first, then check
# them with `run_gd(lr, 10, x=x_centred)`:
#
# * `diverging_rates`: the list of those learning rates for which the loss blows up;
# * `fastest_rate`: the one that ends with the lowest loss after the 10 epochs.

# %%
x_centred = x_data - x_data.mean()

# %% solution id=learning_rate_answers
### BEGIN SOLUTION
diverging_rates = [0.55, 1.0]    # past 2 / 4 = 0.5: w's error is multiplied by 1 - 4 lr, below -1
fastest_rate = 0.3               # factors |1 - 4 lr| = 0.2 and |1 - 2 lr| = 0.4 per step; 0.45 leaves 0.8 on w
### END SOLUTION

# %% test id=test_learning_rate_answers points=2
checks.check(type(diverging_rates) in (list, tuple, set), "diverging_rates should be a list of learning rates.")
checks.check(type(fastest_rate) in (float, int), "fastest_rate should be a number.")
checks.passed("diverging_rates is a list and fastest_rate a number; their values are checked when your work is graded.")

# %% [markdown] locked id=prompt_learning_rate
# ### Question 3.2 (written, 2 points)
#
# A classmate trains a model and sees the loss printed as `2.3, 5.1, 31.0, 1.4e+03, ...,
# inf, nan`. Explain what is happening, in terms of the steps gradient descent takes, and
# what they should change first. Why does the loss grow *geometrically* rather than
# slowly?

# %% [markdown] manual id=written_learning_rate points=2
# ### BEGIN SOLUTION
# *Rubric (2 points):* 1 point for identifying a learning rate that is too large: each
# step overshoots the minimum and lands further up the opposite side, where the gradient
# is larger, so the next step overshoots more (each step multiplies the distance from
# the minimum by a factor larger than 1, hence geometric growth, until overflow gives inf
# and nan); 1 point for the remedy: lower the learning rate (e.g. by a factor 3 to 10)
# and retry; also accepted: standardising the inputs so the loss is less curved, or
# gradient clipping, if the learning rate is mentioned first.
#
# The learning rate is too large. Each update overshoots the bottom of the valley and
# lands on the other side at a point higher than where it started; there the gradient is
# steeper, so the next step is even longer. Near a minimum the loss is roughly quadratic
# and each step multiplies the distance from the minimum by about |1 - lr * curvature|,
# which is larger than 1 when lr is too big, so the error grows by a constant factor per
# step, which is geometric growth, until the numbers overflow to inf and then nan
# (inf - inf). First fix: lower the learning rate, for example by a factor of 10, and
# check that the loss decreases; standardising the inputs also helps.
# ### END SOLUTION

# %% [markdown]
# ## 4. Letting autograd compute the gradient
#
# For a network you will not derive gradients by hand. Make the parameters tensors with
# `requires_grad=True` and let `loss.backward()` fill in `w.grad` and `b.grad`. Two details
# matter in the update:
#
# * **Update under `torch.no_grad()`.** The update (subtract `lr` times `w.grad` from `w`
#   in place) is not part of the model; without `no_grad` autograd would try to record it
#   (and refuses to change a leaf tensor that requires a gradient in place).
# * **Zero the gradients after the update** (`w.grad.zero_()`): `backward()` *adds* to
#   `.grad`, as you saw in assignment 1.
#
# ### Exercise 4.1: `fit_linear_autograd`
#
# Write `fit_linear_autograd(x, y, lr, num_epochs)` returning `(w, b, losses)`:
#
# * `w` and `b` start at 0.0, as tensors with `requires_grad=True` **in the dtype of `x`**
#   (`torch.tensor(0.0, dtype=x.dtype, requires_grad=True)`);
# * each epoch computes the mean squared error, calls `backward()`, updates `w` and `b`
#   under `torch.no_grad()` and zeroes their gradients;
# * `losses[i]` is the loss computed in epoch `i`, before its update, as a Python float
#   (`loss.item()`);
# * `w` and `b` are returned as they are after the last epoch (tensors or floats).
#
# On the five points with `lr=0.01` and 10 epochs: `losses[0] = 138.815`, final
# $w = 3.0673$, $b = 0.8796$, the same run as in section 2.

# %% solution id=fit_linear_autograd
def fit_linear_autograd(x, y, lr, num_epochs):
    """Gradient descent on the MSE of y_hat = w*x + b with gradients from autograd."""
    ### BEGIN SOLUTION
    w = torch.tensor(0.0, dtype=x.dtype, requires_grad=True)
    b = torch.tensor(0.0, dtype=x.dtype, requires_grad=True)
    losses = []
    for epoch in range(num_epochs):
        loss = ((w * x + b - y) ** 2).mean()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():             # the update is not part of the model
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return w, b, losses
    ### END SOLUTION

# %% test id=test_fit_linear_autograd points=4
w_fit, b_fit, losses_fit = fit_linear_autograd(x_data, y_data, 0.01, 10)
checks.check(type(losses_fit) is list and len(losses_fit) == 10, "losses should be a list with one loss per epoch (10).")
checks.check_close("losses[0]", losses_fit[0], 138.815, rtol=1e-5, likely={
    "that is the loss after the first update; record the loss computed before it.": 81.0533,
    "the loss is a sum of squares; take the mean.": 694.075,
})
checks.check_close("final w", w_fit, 3.0673, rtol=1e-4, likely={
    "the gradients are never zeroed, so they accumulate from epoch to epoch.": 1.78592,
})
checks.check_close("final b", b_fit, 0.8796, rtol=1e-4)
checks.passed("fit_linear_autograd reproduces the known run.")

# %% [markdown]
# ## 5. The same fit with `nn.Linear`, `optim.SGD` and `nn.MSELoss`
#
# PyTorch packages each piece of that loop:
#
# | by hand | PyTorch |
# |---|---|
# | `w`, `b` with `requires_grad=True` | `model = nn.Linear(1, 1)`: `model.weight` (shape (1, 1)) and `model.bias` (shape (1,)) |
# | `w * x + b` | `model(x)` for `x` of shape `(n, 1)`: one row per example, one column per feature |
# | `((y_hat - y) ** 2).mean()` | `nn.MSELoss()`, called as `loss_fn(y_hat, y)` |
# | update under `no_grad` | `optim.SGD(model.parameters(), lr=...)`, then `optimizer.step()` |
# | `w.grad.zero_()` ... | `optimizer.zero_grad()` |
#
# `nn.Linear` expects a batch of feature vectors, so the 1-D `x` becomes a column with
# `x.reshape(-1, 1)`. Reshape `y` the same way: `nn.MSELoss` compares two tensors
# elementwise, and with shapes `(n, 1)` and `(n,)` it would broadcast them to `(n, n)`,
# compare every prediction with every target and silently return a wrong loss (PyTorch
# only warns).
#
# ### Exercise 5.1: `fit_linear_module`
#
# Write `fit_linear_module(x, y, lr, num_epochs)` returning `(model, losses)`:
#
# * an `nn.Linear(1, 1, dtype=x.dtype)`, with weight and bias set to zero before
#   training (under `torch.no_grad()`, or with `nn.init.zeros_`);
# * `optim.SGD` over the model's parameters with learning rate `lr`, and `nn.MSELoss()`;
# * `x` and `y` reshaped to `(n, 1)` inside the function;
# * each epoch: zero the gradients, forward, loss, backward, step; `losses[i]` is epoch
#   `i`'s loss before its step, as a float.
#
# This is the same computation as `fit_linear_autograd`, so it must follow the same
# trajectory: the same losses and, after any number of epochs, the same $w$ and $b$.

# %% solution id=fit_linear_module
def fit_linear_module(x, y, lr, num_epochs):
    """The fit of fit_linear_autograd with nn.Linear(1, 1), optim.SGD and nn.MSELoss."""
    ### BEGIN SOLUTION
    x = x.reshape(-1, 1)
    y = y.reshape(-1, 1)
    model = nn.Linear(1, 1, dtype=x.dtype)  # float64 data needs a float64 layer
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
    optimizer = optim.SGD(model.parameters(), lr=lr)  # plain gradient descent
    loss_fn = nn.MSELoss()                            # mean over all n examples
    losses = []
    for epoch in range(num_epochs):
        optimizer.zero_grad()             # fresh gradients for this epoch
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()                  # w -= lr * w.grad, for every parameter
        losses.append(loss.item())
    return model, losses
    ### END SOLUTION

# %% test id=test_fit_linear_module points=4
model_0, _ = fit_linear_module(x_data, y_data, 0.01, 0)
checks.check(isinstance(model_0, nn.Linear), "fit_linear_module should return the nn.Linear model first.")
checks.check_close("weight and bias after 0 epochs (nn.Linear starts at random: set both to zero)",
                   [model_0.weight, model_0.bias], [0.0, 0.0])
model_fit, losses_module = fit_linear_module(x_data, y_data, 0.01, 10)
checks.check(type(losses_module) is list and len(losses_module) == 10, "losses should be a list of 10 losses.")
checks.check_close("losses[0]", losses_module[0], 138.815, rtol=1e-5, likely={
    "that is the loss after the first step; record the loss computed before it.": 81.0533,
    "nn.MSELoss(reduction='sum') sums; the default takes the mean.": 694.075,
})
checks.check_close("final weight", model_fit.weight, [[3.0673]], rtol=1e-4, likely={
    "the gradients are never zeroed, so they accumulate from epoch to epoch.": [[1.78592]],
    "y was not reshaped to (n, 1): nn.MSELoss broadcast (n, 1) against (n,).": [[2.53236]],
    "the weights never moved: is optimizer.step() called after loss.backward()?": [[0.0]],
})
checks.check_close("final bias", model_fit.bias, [0.8796], rtol=1e-4)
checks.passed("fit_linear_module follows the same run as fit_linear_autograd.")

# %% [markdown]
# The two implementations agree step for step:

# %%
def as_float(value):
    return float(value.detach()) if isinstance(value, torch.Tensor) else float(value)


w_a, b_a, losses_a = fit_linear_autograd(x_data, y_data, 0.01, 10)
model_m, losses_m = fit_linear_module(x_data, y_data, 0.01, 10)
print(f"{'epoch':>5} {'autograd loss':>14} {'module loss':>12}")
for epoch, (la, lm) in enumerate(zip(losses_a, losses_m), 1):
    print(f"{epoch:5d} {la:14.6f} {lm:12.6f}")
print(f"autograd: w = {as_float(w_a):.6f}, b = {as_float(b_a):.6f}")
print(f"module:   w = {model_m.weight.item():.6f}, b = {model_m.bias.item():.6f}")

# %% [markdown]
# ## 6. Mini-batches with `DataLoader`
#
# So far every step used all the data: *full-batch* gradient descent. With a million
# examples one step would cost a million forward passes. **Mini-batch** (stochastic)
# gradient descent estimates the gradient from a small random batch instead, and takes
# many cheap, noisy steps per pass over the data. One pass over all the data is an
# **epoch**.
#
# A `Dataset` holds examples; `TensorDataset(x, y)` pairs the rows of two tensors. A
# `DataLoader` cuts a dataset into batches, reshuffling it every epoch when
# `shuffle=True`. Iterating over the loader yields `(xb, yb)` pairs directly. (A common
# slip, in some tutorials too: `for xb, yb in enumerate(loader)` binds `xb` to the
# batch *number* and `yb` to the pair; write `for xb, yb in loader`, or
# `for i, (xb, yb) in enumerate(loader)` when you need the number.)

# %%
x_line, y_line = toy_data.line_data(n=100, seed=0)
demo_loader = DataLoader(TensorDataset(x_line, y_line), batch_size=32, shuffle=True,
                         generator=torch.Generator().manual_seed(0))
print(f"{len(x_line)} examples, batch_size=32 -> {len(demo_loader)} batches per epoch")
for i, (xb, yb) in enumerate(demo_loader):
    print(f"batch {i}: xb {tuple(xb.shape)}, yb {tuple(yb.shape)}, first x values "
          f"{[round(v, 2) for v in xb[:3, 0].tolist()]}")

# %% [markdown]
# The last batch holds what is left over (here 100 - 3 x 32 = 4 examples), unless you ask
# for `drop_last=True`.
#
# ### Question 6.1 (autograded)
#
# A data set of 1000 examples, `DataLoader(dataset, batch_size=64, shuffle=True)`. Set
# `updates_per_epoch` to the number of optimizer steps in one epoch of the usual loop, and
# `last_batch_size` to the number of examples in the last batch.

# %% solution id=batch_answers
### BEGIN SOLUTION
updates_per_epoch = 16
last_batch_size = 1000 - 15 * 64
### END SOLUTION

# %% test id=test_batch_answers points=1
checks.check(type(updates_per_epoch) is int and type(last_batch_size) is int, "Both answers should be integers.")
checks.passed("updates_per_epoch and last_batch_size are integers; their values are checked when your work is graded.")

# %% [markdown]
# ### Exercise 6.2: `train_epoch`
#
# Write `train_epoch(model, loader, loss_fn, optimizer)` that trains for **one** epoch
# and returns the mean of the per-batch loss values (a float):
#
# * call `model.train()` first (some layers, such as dropout, behave differently in
#   training and evaluation mode; the model may arrive in either);
# * for each batch `(xb, yb)` from the loader: `optimizer.zero_grad()`, the forward pass
#   and the loss `loss_fn(model(xb), yb)`, `loss.backward()`, `optimizer.step()`;
# * add up `loss.item()` and divide by the number of batches.
#
# The model, loader, loss and optimizer are all passed in: do not create your own. The
# hidden tests hand in their own, with batches of unequal sizes and a model whose `.grad`
# is not empty when it arrives, and compare the trained model with a correct loop's.

# %% solution id=train_epoch
def train_epoch(model, loader, loss_fn, optimizer):
    """One epoch of mini-batch training; returns the mean of the per-batch losses."""
    ### BEGIN SOLUTION
    model.train()
    total, batches = 0.0, 0
    for xb, yb in loader:
        optimizer.zero_grad()             # before backward: .grad must hold this batch only
        loss = loss_fn(model(xb), yb)     # called as is: the loss decides about shapes
        loss.backward()
        optimizer.step()                  # one update per batch
        total += loss.item()
        batches += 1
    return total / batches
    ### END SOLUTION

# %% test id=test_train_epoch points=3
# Three batches of sizes 2, 2 and 1 from the line data; a zero-initialised nn.Linear.
check_model = nn.Linear(1, 1)
with torch.no_grad():
    check_model.weight.zero_()
    check_model.bias.zero_()
check_loader = probes.ScriptedLoader(probes.make_batches(x_line[:5], y_line[:5], [2, 2, 1]))
check_loss = train_epoch(check_model, check_loader, nn.MSELoss(), optim.SGD(check_model.parameters(), lr=0.01))
checks.check(check_loader.epochs == 1, f"train_epoch should go through the loader once, not {check_loader.epochs} times.")
checks.check_close("mean of the three batch losses", check_loss, 118.940008, rtol=1e-4, likely={
    "a mean over examples, weighted by batch size; average the three batch losses instead.": 140.785849,
    "the sum of the batch losses; divide by the number of batches.": 356.820025,
    "the gradients accumulate across batches: zero them before every backward pass.": 121.557,
})
checks.check_close("weight after the epoch", check_model.weight, [[2.557432]], rtol=1e-4)
checks.check_close("bias after the epoch", check_model.bias, [0.528956], rtol=1e-4)
checks.passed("train_epoch takes one step per batch and averages the batch losses.")

# %% test id=test_train_epoch_probes points=3
checks.graded_later("A model arriving in eval mode with stale .grad must train as a correct loop would.")

# %% [markdown]
# ### Batch size in practice
#
# 256 points from the same kind of line, an `nn.Linear(1, 1)` from zero, learning rate
# 0.02, and three batch sizes: 256 (full batch: one step per epoch, exactly sections
# 1-5), 32 (8 steps per epoch) and 4 (64 steps per epoch). The curves show, after each
# epoch, the loss of the model **on all 256 points**, measured with the model in
# evaluation mode and without gradients.

# %%
x_many, y_many = toy_data.line_data(n=256, seed=1)
many = TensorDataset(x_many, y_many)
EPOCHS = 2 if GRADING else 25


def full_data_loss(model):
    model.eval()
    with torch.no_grad():
        loss = nn.functional.mse_loss(model(x_many), y_many).item()
    model.train()
    return loss


histories, epoch_means, final_lines = {}, {}, {}
curves = LiveCurves([f"batch {bs}" for bs in (256, 32, 4)], title="loss on all 256 points after each epoch")
for batch_size in (256, 32, 4):
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
    optimizer = optim.SGD(model.parameters(), lr=0.02)
    loader = DataLoader(many, batch_size=batch_size, shuffle=True, generator=torch.Generator().manual_seed(0))
    history, means = [], []
    for epoch in progress(range(EPOCHS), desc=f"batch size {batch_size}"):
        means.append(train_epoch(model, loader, nn.MSELoss(), optimizer))
        history.append(full_data_loss(model))
        curves.update(**{f"batch {batch_size}": history[-1]})
    histories[batch_size], epoch_means[batch_size] = history, means
    final_lines[batch_size] = (model.weight.item(), model.bias.item())
curves.close()

fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
for batch_size, history in histories.items():
    steps_per_epoch = -(-len(many) // batch_size)
    axes[0].plot([steps_per_epoch * (e + 1) for e in range(len(history))], history, "o-", markersize=3,
                 label=f"batch {batch_size}")
axes[0].set_xscale("log")
axes[0].set_yscale("log")
axes[0].set_xlabel("optimizer steps so far")
axes[0].set_ylabel("loss on all data")
axes[0].set_title("Same data, same learning rate: loss against steps")
axes[0].legend()
axes[1].scatter(x_many, y_many, s=6, alpha=0.5)
for batch_size, (w, b) in final_lines.items():
    grid = torch.linspace(0, 6, 20)
    axes[1].plot(grid, w * grid + b, label=f"batch {batch_size}: y = {w:.2f} x + {b:.2f}")
axes[1].set_title(f"Lines after {EPOCHS} epochs")
axes[1].legend(fontsize=8)
plt.tight_layout()
plt.show()
for batch_size in (256, 32, 4):
    print(f"batch {batch_size:3d}: train_epoch's mean in the last epoch {epoch_means[batch_size][-1]:.4f}, "
          f"loss on all data after it {histories[batch_size][-1]:.4f}")

# %% [markdown]
# Per epoch, small batches get much further: 64 steps instead of one. Per step they are
# no better: against the number of steps, batch 32 follows the full-batch curve almost
# exactly, and batch 4 makes similar progress but jumps around, because each of its
# steps follows the gradient of only four points, a noisy estimate of the full one. (A
# smaller learning rate, or a larger batch, calms it down.) On real problems, where one
# full-batch step would process millions of examples, mini-batches win by a wide margin,
# and their noise is even thought to help find solutions that generalise.
#
# Notice the last lines printed: the number `train_epoch` returns is not, in general,
# the loss of the model at the end of the epoch.

# %% [markdown] locked id=prompt_epoch_loss
# ### Question 6.3 (written, 3 points)
#
# `train_epoch` returns the mean of the per-batch losses. A classmate reports it as "the
# training loss of my model after epoch 10". Give **two** reasons why the number differs
# from the loss of the final model on the whole training set, and say how you would
# compute the latter.

# %% [markdown] manual id=written_epoch_loss points=3
# ### BEGIN SOLUTION
# *Rubric (3 points):* 1 point: the model changes during the epoch, so each batch's loss
# was measured with the parameters of that moment, earlier batches with older parameters
# (while the loss is falling the mean overestimates the end-of-epoch loss); 1 point: the
# mean of per-batch means weights examples unequally when batches differ in size (the
# small last batch counts as much as a full one), so it is not the per-example mean even
# for a fixed model (also accepted: each batch loss is measured in training mode, where
# layers such as dropout behave differently); 1 point: after the epoch, loop over the
# whole training set in `model.eval()` under `torch.no_grad()`, summing loss times batch
# size and dividing by the number of examples (or one forward pass on all of it).
#
# First, the parameters change after every batch: the first batch's loss was computed
# with the weights at the start of the epoch, the last one with nearly final weights, so
# the mean mixes many different models; while training is making progress it is larger
# than the final model's loss. Second, it is a mean of batch means: with batches of
# different sizes (the last one is usually smaller) examples in the small batch get more
# weight, so even for a fixed model it is not the mean over examples. (Also, it is
# measured in training mode, which differs from evaluation for dropout or batch norm.)
# To get the real number, after the epoch switch to model.eval(), and under
# torch.no_grad() run over the whole training set, add loss.item() * len(xb) per batch
# and divide by the number of examples.
# ### END SOLUTION

# %% [markdown]
# ## Summary
#
# * Gradient descent repeats $\theta \leftarrow \theta - \eta\,\nabla L(\theta)$, with the
#   whole gradient evaluated at the current parameters.
# * The learning rate decides everything: too small crawls, too large diverges
#   geometrically, beyond $2/\lambda_{\max}$. The best one must suit the steepest and the
#   flattest direction at once; centring the inputs makes them alike.
# * With autograd: compute the loss, `backward()`, update under `no_grad`, zero the
#   gradients. `nn.Linear` + `optim.SGD` + `nn.MSELoss` is the same computation, packaged.
# * A `DataLoader` serves mini-batches; an epoch is one pass over the data, with one step
#   per batch. The loop is always `zero_grad`, forward, loss, `backward`, `step`.
