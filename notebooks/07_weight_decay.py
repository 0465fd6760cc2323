# %% [markdown]
# # Assignment 7: L2 regularization and weight decay
#
# A network that overfits usually does it with large weights: to pass exactly through noisy
# points its curve must bend sharply, and sharp bends need steep slopes. **L2
# regularization** adds a price for large weights to the loss, so the optimizer only grows a
# weight when that buys a real reduction of the data loss. With plain gradient descent the
# penalty has a second face: every step first shrinks every weight by a constant factor,
# which is why PyTorch calls it `weight_decay`. With Adam the two faces come apart, and the
# lecture material (like much code in the wild) confuses them. In this assignment you write
# the penalty, the decayed update and a training loop, check numerically that they agree with
# PyTorch, measure what the strength $\lambda$ does to validation loss and weight norms, and
# find out exactly where Adam differs.
#
# **How this notebook works.** Cells marked `YOUR CODE HERE` are yours. After each one, a
# test cell checks your answer and prints a line starting with ✔ when it passes, or an
# explanation of what is wrong when it does not. (A test cell that only hidden tests can
# judge says what they check, on a line starting with "…".) More tests, hidden from you, run when the
# notebook is graded: they try your code on other inputs and follow the parameters step by
# step, so write it for any input, not only for the example shown. Use *Validate* (or
# *Kernel → Restart & Run All*) before you submit.
#
# Written questions are graded by hand: say what you found and why, in your own words.

# %% locked id=setup
%matplotlib inline
import copy

import torch
from torch import nn
import matplotlib.pyplot as plt

from course import checks, probes
from course.boundaries import predict
from course.data import mnist_splits
from course.explorers import figure_explorer
from course.live import LiveCurves, progress
from course.loaders import batch_loader
from course.notebook import setup
from course.regularization import digit_mlp, plot_fits, plot_lambda_sweep, regression_net
from course.toy_data import regression_task

GRADING = setup(seed=0)
torch.set_num_threads(1)  # the networks here are small: one thread is faster than several

# %% [markdown]
# ## 1. The penalty and its gradient
#
# Write $\theta$ for all parameters of the model, weights and biases, as one long vector.
# L2 regularization minimises
#
# $$J(\theta) = L(\theta) + \frac{\lambda}{2}\,\|\theta\|^2, \qquad
#   \|\theta\|^2 = \sum_i \theta_i^2 ,$$
#
# the data loss $L$ plus a penalty that grows with the squared length of the parameter
# vector. $\lambda \ge 0$ sets the price: $\lambda = 0$ is no regularization, a large
# $\lambda$ forces the weights towards zero whatever the data say. The $\frac12$ is there
# for convenience, because it cancels when we differentiate:
#
# $$\frac{\partial}{\partial \theta_i}\,\frac{\lambda}{2}\sum_j \theta_j^2 = \lambda\,\theta_i,
#   \qquad \nabla J(\theta) = \nabla L(\theta) + \lambda\,\theta .$$
#
# The penalty pulls each parameter towards zero with a force proportional to its size.
#
# Which parameters? Here all of them, biases included, because that is what PyTorch's
# `weight_decay` does with `model.parameters()`. (Many practitioners leave biases and
# normalisation parameters out, with optimizer parameter groups; a bias only shifts a unit's
# output and does not make the function any steeper.)
#
# ### Exercise 1.1: `l2_penalty`
#
# Write `l2_penalty(model, lam)` that returns $\frac{\lambda}{2}\sum_{p}\sum_i p_i^2$ over
# all of `model.parameters()` as a 0-d tensor that autograd can differentiate: it will be
# added to the loss before `backward()`, so no `.item()`, `float()`, `.detach()`, `.data`
# or `state_dict()` (which would also bring in buffers, such as batch norm's running
# statistics, that are not parameters).

# %% solution id=l2_penalty
def l2_penalty(model, lam):
    """(lam / 2) * (sum of the squares of all parameters), as a differentiable 0-d tensor."""
    ### BEGIN SOLUTION
    return lam / 2 * sum((p ** 2).sum() for p in model.parameters())
    ### END SOLUTION

# %% test id=test_l2_penalty points=3
# One weight row [1, 2] and the bias 3: (0.1 / 2) * (1 + 4 + 9) = 0.7.
line = nn.Linear(2, 1)
with torch.no_grad():
    line.weight.copy_(torch.tensor([[1.0, 2.0]]))
    line.bias.copy_(torch.tensor([3.0]))
penalty = l2_penalty(line, 0.1)
checks.check(isinstance(penalty, torch.Tensor), f"l2_penalty must return a tensor, got {type(penalty).__name__}.")
checks.check_close("l2_penalty(line, 0.1)", penalty, 0.7, rtol=1e-6, likely={
    "the factor 1/2 is missing: the penalty is (lam / 2) * sum of squares.": 1.4,
    "the bias is left out: the penalty covers all parameters.": 0.25,
    "a sum of the norms of the tensors; the penalty adds up the squares of all entries.": 0.05 * (5 ** 0.5 + 3),
})
checks.passed("l2_penalty gives 0.7 for the example.")

# %% test id=test_l2_penalty_grad points=2
checks.graded_later("The penalty is a 0-d tensor whose gradient is lam * theta for every parameter.")

# %% [markdown]
# Autograd agrees with the formula $\nabla \frac{\lambda}{2}\|\theta\|^2 = \lambda\theta$:

# %%
line.zero_grad()
l2_penalty(line, 0.1).backward()
print("weights:", line.weight.data, " bias:", line.bias.data)
print("gradient of the penalty:", line.weight.grad, line.bias.grad, "  (0.1 times the parameters)")

# %% [markdown]
# ## 2. The decayed step, and SGD's `weight_decay`
#
# One gradient-descent step on $J$ with learning rate $\eta$:
#
# $$\theta \leftarrow \theta - \eta\,\big(\nabla L(\theta) + \lambda\theta\big)
#   = (1 - \eta\lambda)\,\theta - \eta\,\nabla L(\theta).$$
#
# Read from the right: first every parameter is multiplied by $1 - \eta\lambda$, slightly
# less than 1 (it *decays* towards zero), then the ordinary step is taken. With
# $\eta = 0.1$ and $\lambda = 0.01$ the factor is $0.999$: a weight that the data do not
# defend loses 0.1% per step and about 63% over 1,000 steps.
#
# `torch.optim.SGD(params, lr, weight_decay=lam)` implements exactly this: before the step
# it adds `lam * p` to each gradient. For plain SGD, "L2 penalty in the loss" and "weight
# decay in the optimizer" are the same thing, and the next two exercises show it numerically.
#
# ### Exercise 2.1: `sgd_step_l2`
#
# Write `sgd_step_l2(params, lr, lam)`: for every parameter `p` of the iterable `params`
# that has a gradient (`p.grad is not None`), update it **in place** to
# `p - lr * (p.grad + lam * p)`. Parameters without a gradient are left alone, as SGD does.
# `params` may be a generator such as `model.parameters()`, so go through it only once.
# The update must not be recorded by autograd: do it under `torch.no_grad()` (outside it,
# PyTorch refuses to modify a leaf tensor that requires grad in place). Return nothing.

# %% solution id=sgd_step_l2
def sgd_step_l2(params, lr, lam):
    """One SGD step with L2 weight decay, in place: p <- p - lr * (p.grad + lam * p)."""
    ### BEGIN SOLUTION
    with torch.no_grad():
        for p in params:
            if p.grad is None:
                continue
            p -= lr * (p.grad + lam * p)
    ### END SOLUTION

# %% test id=test_sgd_step_l2 points=4
# weight [1, 2], bias 3, gradients [0.5, -0.5] and 1, lr 0.1, lam 0.2:
# weight 1 - 0.1 * (0.5 + 0.2) = 0.93 and 2 - 0.1 * (-0.5 + 0.4) = 2.01; bias 3 - 0.1 * (1 + 0.6) = 2.84.
line = nn.Linear(2, 1)
with torch.no_grad():
    line.weight.copy_(torch.tensor([[1.0, 2.0]]))
    line.bias.copy_(torch.tensor([3.0]))
line.weight.grad = torch.tensor([[0.5, -0.5]])
line.bias.grad = torch.tensor([1.0])
try:
    sgd_step_l2(line.parameters(), lr=0.1, lam=0.2)
except RuntimeError as error:
    checks.fail(f"sgd_step_l2 raised RuntimeError ({error}): update the parameters in place under torch.no_grad().")
checks.check_close("weight after the step", line.weight, [[0.93, 2.01]], rtol=1e-6, likely={
    "the decay lam * p is missing the learning rate: p - lr * (p.grad + lam * p).": [[0.75, 1.65]],
    "this is a plain SGD step without the decay.": [[0.95, 2.05]],
    "lam / 2 is the factor of the penalty; its gradient is lam * p.": [[0.94, 2.03]],
    "the weights did not change: update them in place (p -= ... or p.sub_(...)), not p = p - ..., and go "
    "through params only once (model.parameters() is a generator).": [[1.0, 2.0]],
})
checks.check_close("bias after the step", line.bias, [2.84], rtol=1e-6)
checks.passed("sgd_step_l2 takes the decayed step of the example.")

# %% [markdown]
# Twenty steps with real gradients, your step against `torch.optim.SGD(weight_decay=...)`,
# from the same weights:

# %%
task = regression_task(seed=7)
x_train, y_train = task.train.tensors
x_val, y_val = task.val.tensors
mse = nn.MSELoss()

by_hand = regression_net(seed=0)
by_torch = copy.deepcopy(by_hand)
torch_sgd = torch.optim.SGD(by_torch.parameters(), lr=0.1, weight_decay=0.01)
for step in range(20):
    by_hand.zero_grad()
    mse(by_hand(x_train), y_train).backward()
    sgd_step_l2(by_hand.parameters(), lr=0.1, lam=0.01)
    torch_sgd.zero_grad()
    mse(by_torch(x_train), y_train).backward()
    torch_sgd.step()
step_difference = max(float((a - b).abs().max())
                      for a, b in zip(probes.parameters_of(by_hand), probes.parameters_of(by_torch)))
print(f"largest difference between the two after 20 steps: {step_difference:.1e}")

# %% [markdown]
# The difference is zero or a few units of float32 rounding: SGD's `weight_decay` *is* your
# step.
#
# ## 3. A training loop with the penalty in the loss
#
# ### Exercise 3.1: `train_l2`
#
# Write `train_l2(model, loss_fn, train_loader, lr, lam, num_epochs)`. It creates a plain
# `torch.optim.SGD(model.parameters(), lr=lr)` (no `weight_decay`), and for each batch zeroes
# the gradients, computes the data loss `loss_fn(model(xb), yb)`, adds `l2_penalty(model,
# lam)`, backpropagates the sum and steps. It returns a list with one number per epoch: the
# mean over the epoch's batches of the **data** loss, without the penalty, so that the
# numbers are comparable across values of $\lambda$. The parameters must follow exactly
# the trajectory that `torch.optim.SGD(model.parameters(), lr=lr, weight_decay=lam)` would
# give on the data loss alone.

# %% solution id=train_l2
def train_l2(model, loss_fn, train_loader, lr, lam, num_epochs):
    """Plain SGD on data loss + l2_penalty; returns the per-epoch mean data loss."""
    ### BEGIN SOLUTION
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    epoch_losses = []
    for _ in range(num_epochs):
        batch_losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            data_loss = loss_fn(model(xb), yb)
            (data_loss + l2_penalty(model, lam)).backward()
            optimizer.step()
            batch_losses.append(data_loss.item())
        epoch_losses.append(sum(batch_losses) / len(batch_losses))
    return epoch_losses
    ### END SOLUTION

# %% test id=test_train_l2 points=4
# Five epochs on the regression data in batches of 5, against SGD with weight_decay.
def sgd_with_weight_decay(model, lam, epochs=5):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, weight_decay=lam)
    for epoch in range(epochs):
        for xb, yb in batch_loader(task.train, batch_size=5):
            optimizer.zero_grad()
            nn.MSELoss()(model(xb), yb).backward()
            optimizer.step()
    return model

mine = regression_net(hidden=20, seed=3)
losses = train_l2(mine, nn.MSELoss(), batch_loader(task.train, batch_size=5), lr=0.05, lam=0.1, num_epochs=5)
reference = sgd_with_weight_decay(regression_net(hidden=20, seed=3), 0.1)
decayed_twice = sgd_with_weight_decay(regression_net(hidden=20, seed=3), 0.2)
not_decayed = sgd_with_weight_decay(regression_net(hidden=20, seed=3), 0.0)
checks.check(type(losses) is list and len(losses) == 5, "train_l2 must return a list with one loss per epoch.")
for (name, p), q, twice, never in zip(mine.named_parameters(), reference.parameters(),
                                      decayed_twice.parameters(), not_decayed.parameters()):
    checks.check_close(f"{name} after 5 epochs of train_l2 (against SGD with weight_decay=0.1)", p, q,
                       rtol=1e-4, atol=1e-6, likely={
        "the decay acts twice (the penalty in the loss and weight_decay in SGD, or lam instead of lam / 2).": twice,
        "the penalty never reaches the gradients (added after backward(), or cut off by .item() or .detach()).": never,
    })
checks.passed("train_l2 follows SGD with weight_decay.")

# %% test id=test_train_l2_losses points=2
checks.graded_later("The returned list holds, per epoch, the mean over batches of the data loss alone.")

# %% [markdown]
# Your loop against SGD with `weight_decay` on the regression data, 200 epochs in batches of 5:

# %%
mine, reference = regression_net(seed=0), regression_net(seed=0)
my_losses = train_l2(mine, mse, batch_loader(task.train, batch_size=5), lr=0.05, lam=0.01, num_epochs=200)
reference_sgd = torch.optim.SGD(reference.parameters(), lr=0.05, weight_decay=0.01)
for epoch in range(200):
    for xb, yb in batch_loader(task.train, batch_size=5):
        reference_sgd.zero_grad()
        mse(reference(xb), yb).backward()
        reference_sgd.step()
loop_difference = max(float((a - b).abs().max())
                      for a, b in zip(probes.parameters_of(mine), probes.parameters_of(reference)))
print(f"after 200 epochs (600 steps) the largest parameter difference is {loop_difference:.1e}; "
      f"final data loss {my_losses[-1]:.4f}")

# %% [markdown]
# Differences of the order of float32 rounding: the penalty in the loss and SGD's
# `weight_decay` walk the same path.
#
# ## 4. What $\lambda$ does
#
# Back to the regression of assignment 5: 15 noisy points, a 1-100-100-1 ReLU network with
# 10,401 parameters, which overfits them when trained long enough. We train it from the same
# initial weights with **your `train_l2`**, full-batch (all 15 points in one batch, so one
# epoch is one step; learning rate 0.05, 3,000 steps), for a range of $\lambda$, and record
# after each step the training and validation losses and the length of the weight vector
# $\|\theta\|$.

# %%
sweep_lams = [0.0, 0.01, 0.3] if GRADING else [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3]
sweep_steps = 200 if GRADING else 3000
all_15_points = batch_loader(task.train)         # one batch of everything: an epoch is one step

def weight_norm(model):
    return float(torch.sqrt(sum((p.detach() ** 2).sum() for p in model.parameters())))

sweep = {}
for lam in progress(sweep_lams, desc="lambda sweep"):
    model = regression_net(seed=0)
    history = {"train_loss": [], "val_loss": [], "norm": []}
    for step in range(sweep_steps):
        # One step of your train_l2 (its data loss, computed before the step), then the
        # validation loss and the weight norm after it.
        history["train_loss"] += train_l2(model, mse, all_15_points, lr=0.05, lam=lam, num_epochs=1)
        history["val_loss"].append(float(mse(predict(model, x_val), y_val)))
        history["norm"].append(weight_norm(model))
    sweep[lam] = {"model": model, **history}

print(f"{'lambda':>8}{'train loss':>12}{'val loss':>10}{'||theta||':>11}")
for lam, run in sweep.items():
    print(f"{lam:>8g}{run['train_loss'][-1]:>12.3f}{run['val_loss'][-1]:>10.3f}{run['norm'][-1]:>11.2f}")
plot_lambda_sweep(sweep_lams, [r["train_loss"][-1] for r in sweep.values()],
                  [r["val_loss"][-1] for r in sweep.values()], [r["norm"][-1] for r in sweep.values()])
plt.show()
plain, best_lam = sweep[0.0], min(sweep_lams, key=lambda lam: sweep[lam]["val_loss"][-1])
print(f"lambda = 0: validation loss {plain['val_loss'][-1]:.3f} at the end, {min(plain['val_loss']):.3f} at its "
      f"best (step {plain['val_loss'].index(min(plain['val_loss'])) + 1}).")
print(f"the lowest validation loss at the end: lambda = {best_lam:g} ({sweep[best_lam]['val_loss'][-1]:.3f}), "
      f"with a training loss of {sweep[best_lam]['train_loss'][-1]:.3f} (lambda = 0: {plain['train_loss'][-1]:.3f}) "
      f"and weights {plain['norm'][-1] / sweep[best_lam]['norm'][-1]:.1f} times smaller than without the penalty.")

# %% [markdown]
# Three regimes. With $\lambda = 0$ the network ends with the largest weights, a training
# loss among the lowest of the sweep (the smallest $\lambda$ hardly differs) and a
# validation loss far above its own best of earlier in training. A
# moderate $\lambda$ (the one printed above) costs some training loss, keeps the weights
# smaller and gives the lowest validation loss: the network can no longer afford the steep
# bends that fit the noise. A large $\lambda$ ($0.3$) wins the tug of war against the data:
# the weights shrink far towards zero, the fit flattens out, and both losses are high.
# That is underfitting, and the validation loss has the U shape of the capacity curves of
# assignment 4, with $\lambda$ turning the capacity down.
#
# $\lambda$ is a hyperparameter like the learning rate and is chosen the same way: on the
# validation set, never on the test set.
#
# ### Explorer: $\lambda$
#
# Pick a $\lambda$ from the sweep (the slider appears when you run the notebook yourself)
# to see its fit next to the unregularized one, its curves during training, and how its
# weight norm grows.

# %%
def lambda_figure(lam=0.01):
    """Fit, losses and weight norm of the sweep's run with this lambda, next to lambda = 0."""
    run, plain = sweep[lam], sweep[0.0]
    figure, axes = plt.subplots(1, 3, figsize=(16, 4))
    plot_fits(task, {"lambda = 0": plain["model"], f"lambda = {lam:g}": run["model"]}, ax=axes[0],
              title=f"Fit with lambda = {lam:g}")
    axes[1].plot(plain["val_loss"], color="gray", alpha=0.6, label="val loss, lambda = 0")
    axes[1].plot(run["train_loss"], label="train loss")
    axes[1].plot(run["val_loss"], label="val loss")
    axes[1].set_yscale("log")
    axes[1].set_xlabel("step")
    axes[1].set_title("Losses during training")
    axes[1].legend(fontsize=8)
    axes[2].plot(plain["norm"], color="gray", alpha=0.6, label="lambda = 0")
    axes[2].plot(run["norm"], label=f"lambda = {lam:g}")
    axes[2].set_xlabel("step")
    axes[2].set_ylabel(r"$\|\theta\|$")
    axes[2].set_title("Weight norm during training")
    axes[2].legend(fontsize=8)
    text = "\n".join(f"lambda = {l:<6g} training loss {sweep[l]['train_loss'][-1]:.3f}   validation loss "
                     f"{sweep[l]['val_loss'][-1]:.3f}   ||theta|| {sweep[l]['norm'][-1]:6.2f}" for l in (0.0, lam))
    return figure, text

if GRADING:
    figure, text = lambda_figure(sweep_lams[1])
    plt.show()
    print(text)
else:
    from ipywidgets import SelectionSlider
    figure_explorer(lambda_figure, lam=SelectionSlider(options=sweep_lams, value=0.01, description="lambda"))

# %% [markdown]
# Things to look for: with $\lambda = 0$ the weight norm creeps upwards for as long as
# training runs, and the validation loss with it; with a moderate $\lambda$ the norm falls
# from its initial value and levels off where the pull of the data balances the decay, and
# the validation loss stays well below that of $\lambda = 0$. Weight decay limits how far
# training can go, where early stopping limits how long it goes on: the two are related
# ways of keeping the weights small.
#
# ## 5. Real digits
#
# The MLP of assignment 5 on 500 real MNIST digits (two hidden layers of 256 units), trained
# with your `train_l2` in batches of 25 (learning rate 0.1) for 60 epochs, without the
# penalty and with $\lambda = 0.01$, and validated on 1,000 other digits after each epoch.
# The curves redraw as the runs proceed.

# %%
digit_sizes = (200, 400) if GRADING else (500, 1000)
digit_epochs = 5 if GRADING else 60
digits_train, digits_val = mnist_splits(digit_sizes, seed=0)
val_images, val_labels = digits_val.tensors
cross_entropy = nn.CrossEntropyLoss()

digit_runs = {}
for lam in (0.0, 0.01):
    model = digit_mlp(hidden=(256, 256), seed=0)
    curves = LiveCurves(["train_loss", "val_loss"], title=f"MNIST MLP, lambda = {lam:g}", markers=False)
    norms = []
    for epoch in progress(range(digit_epochs), desc=f"lambda {lam:g}"):
        # One epoch of your train_l2, the digits shuffled anew each epoch; then the validation digits.
        shuffled = batch_loader(digits_train, batch_size=25, shuffle=True, seed=epoch)
        train_loss = train_l2(model, cross_entropy, shuffled, lr=0.1, lam=lam, num_epochs=1)[-1]
        val_scores = predict(model, val_images)
        curves.update(train_loss=train_loss, val_loss=float(cross_entropy(val_scores, val_labels)))
        norms.append(weight_norm(model))
    val_acc = float((val_scores.argmax(dim=1) == val_labels).double().mean())
    digit_runs[lam] = {**curves.close(), "norm": norms, "val_acc": val_acc, "model": model}

fig, axes = plt.subplots(1, 3, figsize=(16, 4))
for lam, run in digit_runs.items():
    axes[0].plot(run["val_loss"], label=f"val loss, lambda {lam:g}")
    axes[0].plot(run["train_loss"], linestyle=":", label=f"train loss, lambda {lam:g}")
    axes[1].plot(run["norm"], label=f"lambda {lam:g}")
    weights = torch.cat([p.detach().flatten() for p in run["model"].parameters()])
    axes[2].hist(weights, bins=200, range=(-0.4, 0.4), histtype="step", label=f"lambda {lam:g}")
    lowest = min(run["val_loss"])
    print(f"lambda {lam:g}: final train loss {run['train_loss'][-1]:.3f}, final val loss {run['val_loss'][-1]:.3f} "
          f"(lowest {lowest:.3f}, after epoch {run['val_loss'].index(lowest) + 1}), val accuracy {run['val_acc']:.3f}, "
          f"||theta|| {run['norm'][0]:.1f} after the first epoch, {run['norm'][-1]:.1f} at the end")
axes[0].set_title("Loss")
axes[0].set_xlabel("epoch")
axes[1].set_title(r"Weight norm $\|\theta\|$")
axes[1].set_xlabel("epoch")
axes[2].set_title("Histogram of all parameters at the end")
axes[2].set_yscale("log")
for ax in axes:
    ax.legend(fontsize=8)
plt.show()
digit_gaps = {lam: run["val_loss"][-1] - run["train_loss"][-1] for lam, run in digit_runs.items()}
print(f"gap between validation and training loss at the end: {digit_gaps[0.0]:.3f} without the penalty, "
      f"{digit_gaps[0.01]:.3f} with lambda = 0.01")

# %% [markdown]
# Without the penalty, the validation loss reaches its lowest point early (the epoch is
# printed above) and then climbs as the network grows more and more confident on its 500
# training digits; the weight norm grows all along. With $\lambda = 0.01$ the training loss
# stays higher, the weight norm shrinks instead of growing, the validation loss stays closer
# to its minimum, and the gap between the two losses is narrower; the accuracies differ far
# less than the losses. The histogram shows where the decay acts: it thins out the tails of
# large weights and piles the rest up near zero.
#
# ## 6. Adam's `weight_decay` is an L2 penalty, and that is not weight decay
#
# > **Adam's update, in brief.** For each parameter $\theta$ with gradient $g$ at step
# > $t = 1, 2, \dots$, Adam keeps two running averages, both starting at 0: the gradient's
# > average $m$ (its direction) and the average of its square $v$ (its size),
# >
# > $$m \leftarrow \beta_1 m + (1-\beta_1)\,g, \qquad v \leftarrow \beta_2 v + (1-\beta_2)\,g^2 .$$
# >
# > Started at 0, both are too small in the first steps; *bias correction* divides by the
# > weight they are missing, $\hat m = m / (1-\beta_1^t)$ and $\hat v = v / (1-\beta_2^t)$.
# > The step is
# >
# > $$\theta \leftarrow \theta - \eta\,\frac{\hat m}{\sqrt{\hat v} + \epsilon}$$
# >
# > (PyTorch's defaults: $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = 10^{-8}$). Since
# > $\hat m$ is divided by $\sqrt{\hat v}$, the size of the gradient cancels: where the
# > gradient keeps its sign, a parameter moves by about $\eta$ per step, whether its
# > gradient is tiny or huge.
# >
# > **Where `weight_decay` enters.** `Adam(weight_decay=lam)` adds $\lambda\theta$ to $g$
# > *before* $m$ and $v$ are updated, so the decay goes through the division by
# > $\sqrt{\hat v}$ like the rest of the gradient. `AdamW(weight_decay=lam)` leaves $g$
# > alone and multiplies $\theta$ by $1 - \eta\lambda$ just before the Adam step, outside the
# > division.
#
# The lecture passes `weight_decay=0.5` to `torch.optim.Adam` and calls it L2
# regularization that "decays each weight by a factor proportional to its value". The first
# half is right, the second is not, and the difference is why `torch.optim.AdamW` exists.
#
# `Adam(weight_decay=lam)` does what SGD does with it: it adds `lam * p` to the gradient,
# which makes it *identical* to an L2 penalty in the loss. Your `l2_penalty` shows it:

# %%
def adam_steps(model, lam, penalty_in_loss, steps=100):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=0.0 if penalty_in_loss else lam)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = mse(model(x_train), y_train)
        if penalty_in_loss:
            loss = loss + l2_penalty(model, lam)
        loss.backward()
        optimizer.step()
    return model

with_weight_decay = adam_steps(regression_net(seed=0), 0.1, penalty_in_loss=False)
with_penalty = adam_steps(regression_net(seed=0), 0.1, penalty_in_loss=True)
with_adamw = regression_net(seed=0)
adamw = torch.optim.AdamW(with_adamw.parameters(), lr=0.01, weight_decay=0.1)
for _ in range(100):
    adamw.zero_grad()
    mse(with_adamw(x_train), y_train).backward()
    adamw.step()

def largest_difference(a, b):
    return max(float((p - q).abs().max()) for p, q in zip(probes.parameters_of(a), probes.parameters_of(b)))

print(f"Adam(weight_decay=0.1) vs Adam on loss + l2_penalty(model, 0.1): {largest_difference(with_weight_decay, with_penalty):.1e}")
print(f"Adam(weight_decay=0.1) vs AdamW(weight_decay=0.1):               {largest_difference(with_weight_decay, with_adamw):.1e}")

# %% [markdown]
# So with Adam, L2 regularization and "weight decay" are different things. The reason is
# Adam's per-parameter scaling: it divides each gradient by a running estimate of its own
# size, $\sqrt{\hat v}$. The penalty's gradient $\lambda\theta$ goes through that division
# too, so it no longer pulls each weight in proportion to its value. A parameter whose
# data gradient is large gets a large $\sqrt{\hat v}$ and hardly any decay; and where the
# penalty is the only force, each weight moves by about the learning rate per step,
# whatever its size.
#
# **AdamW** (Loshchilov and Hutter, *Decoupled Weight Decay Regularization*, 2019) takes the
# decay out of the gradient and applies it to the weights directly, outside the adaptive
# scaling: $\theta \leftarrow \theta - \eta\lambda\theta$, then the Adam step on the data
# gradient alone. That is the weight decay of the SGD formula, $(1 - \eta\lambda)\theta$,
# for every weight, large or small.
#
# The cleanest way to see it: a data loss of zero, so that only the regularization acts,
# on three weights of different sizes, 300 steps with learning rate 0.01 and $\lambda = 0.1$.

# %%
start = torch.tensor([4.0, 1.0, 0.25])
paths = {}
for name, make in (("SGD(weight_decay)", torch.optim.SGD), ("Adam(weight_decay)", torch.optim.Adam),
                   ("AdamW(weight_decay)", torch.optim.AdamW)):
    theta = start.clone().requires_grad_()
    optimizer = make([theta], lr=0.01, weight_decay=0.1)
    path = [theta.detach().clone()]
    for _ in range(300):
        optimizer.zero_grad()
        (0.0 * theta).sum().backward()        # the data loss is zero: only the decay acts
        optimizer.step()
        path.append(theta.detach().clone())
    paths[name] = torch.stack(path)

fig, axes = plt.subplots(1, 3, figsize=(15, 3.6), sharey=True)
for ax, (name, path) in zip(axes, paths.items()):
    for i in range(3):
        ax.plot(path[:, i] / start[i], label=f"starting at {start[i]:g}")
    ax.set_title(name)
    ax.set_xlabel("step")
axes[0].set_ylabel("weight / its starting value")
axes[0].legend(fontsize=8)
plt.show()
for name, path in paths.items():
    print(f"{name:<20} after 300 steps: {[round(v, 4) for v in path[-1].tolist()]}, "
          f"that is {[round(v, 4) for v in (path[-1] / start).tolist()]} times the start")
adam_path = paths["Adam(weight_decay)"]
adam_near_zero = [next((step for step, v in enumerate(adam_path[:, i].tolist()) if abs(v) < 0.01 * start[i]), None)
                  for i in range(3)]
adam_largest_move = float((adam_path[1:] - adam_path[:-1]).abs().max())
print(f"Adam(weight_decay): within 1% of zero after step {adam_near_zero[2]} (started at 0.25) and step "
      f"{adam_near_zero[1]} (started at 1.0); the weight that started at 4.0 lost "
      f"{1 - float(adam_path[-1, 0] / start[0]):.0%} in 300 steps. The largest move in one step: {adam_largest_move:.4f}.")

# %% [markdown]
# SGD and AdamW shrink all three weights by the same factor, $(1 - 0.01 \cdot 0.1)^{300}
# \approx 0.74$. Adam with `weight_decay` treats them very differently (the steps are
# printed above): the smallest weight is gone first, then the middle one, while the largest
# has lost only part of its value. None moves by much more than the learning rate in one
# step, whatever its size: the normalisation has turned a pull proportional to the weight
# into a step of roughly fixed length.
#
# In practice: with SGD, `weight_decay` and an L2 penalty are interchangeable. With Adam, use
# `AdamW` when you want weight decay; its `weight_decay` is a decay rate per step, scaled by
# the learning rate, and good values are much larger than those for an L2 penalty in Adam
# (0.01 to 0.1 are common).
#
# ### Question 6.1 (autograded)
#
# A single parameter $\theta = 2.0$, a data loss that is exactly zero, learning rate 0.01
# and $\lambda = 0.1$. Set each variable to the value of $\theta$ after **one** `step()` of
# the optimizer named (PyTorch's default betas and eps; to 4 decimals or better), and
# `sgd_decay_factor` to the factor by which one step of `SGD(lr=0.1, weight_decay=5e-4)`
# multiplies a parameter whose data gradient is zero.

# %% solution id=decay_numbers
### BEGIN SOLUTION
sgd_after_one_step = 2.0 - 0.01 * 0.1 * 2.0
adam_after_one_step = 2.0 - 0.01
adamw_after_one_step = 2.0 * (1 - 0.01 * 0.1)
sgd_decay_factor = 1 - 0.1 * 5e-4
### END SOLUTION

# %% test id=test_decay_numbers points=3
for _name in ("sgd_after_one_step", "adam_after_one_step", "adamw_after_one_step", "sgd_decay_factor"):
    checks.check(type(globals().get(_name)) in (float, int), f"{_name} should be a number.")
checks.passed("all four answers are numbers; their values are checked when your work is graded.")

# %% [markdown]
# ### Question 6.2 (written, 3 points)
#
# A colleague trains a network with `torch.optim.Adam(model.parameters(), lr=1e-3,
# weight_decay=1e-2)` and writes in the report: "weight decay shrinks every weight by 1% of
# its value per step". Explain what this optimizer actually does to the weights, why it
# is not a proportional shrinkage, and what they should use if proportional decay is what
# they want, including how the shrinkage per step then depends on the learning rate.

# %% [markdown] manual id=written_adamw points=3
# ### BEGIN SOLUTION
# *Rubric (3 points):* 1 point for stating that Adam's `weight_decay` adds
# $\lambda\theta$ to the gradient, i.e. it is an L2 penalty $(\lambda/2)\|\theta\|^2$ in the
# loss; 1 point for explaining that this term is rescaled by Adam's per-parameter
# normalisation ($\sqrt{\hat v}$), so the pull on a weight is not proportional to its value
# (parameters with large gradients are barely decayed, and with only the penalty acting
# each weight moves by about the learning rate per step); 1 point for AdamW (decoupled
# weight decay), which shrinks every weight by the factor $1 - \eta\lambda$ per step,
# i.e. by $\eta\lambda = 10^{-5}$ per step with these numbers, not 1% (the learning rate
# scales the decay).
#
# Adam's `weight_decay=1e-2` adds 0.01 * theta to each gradient before Adam's update, so it
# is exactly an L2 penalty (0.01 / 2) * ||theta||^2 in the loss. Adam then divides every
# gradient, penalty included, by the running root-mean-square of that parameter's gradients.
# The pull towards zero is therefore not proportional to the weight: a parameter with large
# or noisy data gradients has a large denominator and is hardly decayed, and where the
# penalty dominates, each weight moves by roughly the learning rate per step regardless of
# its size. Nothing shrinks "by 1% of its value". For proportional shrinkage, use AdamW,
# which applies theta <- theta - lr * lambda * theta outside the adaptive scaling: each step
# multiplies every weight by 1 - lr * lambda = 1 - 1e-3 * 1e-2, a shrinkage of 0.001% per
# step, not 1%; to get the intended strength, lambda has to be chosen with the learning rate
# in mind.
# ### END SOLUTION

# %% [markdown]
# ## Summary
#
# * L2 regularization adds $\frac{\lambda}{2}\|\theta\|^2$ to the loss; its gradient is
#   $\lambda\theta$, and a gradient step becomes $\theta \leftarrow (1-\eta\lambda)\theta -
#   \eta\nabla L$: every step first shrinks the weights.
# * With SGD, `weight_decay=lam` and the penalty in the loss give the same trajectory, step
#   for step; the penalty covers biases too unless you exclude them with parameter groups.
# * Report the data loss without the penalty, so runs with different $\lambda$ compare.
# * $\lambda$ trades training fit for smaller weights: too small overfits, too large
#   underfits; choose it on the validation set.
# * With Adam, `weight_decay` is an L2 penalty whose pull is rescaled per parameter; the
#   proportional decay of the SGD formula is AdamW.
