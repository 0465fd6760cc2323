# %% [markdown]
# # Assignment 4: Generalization and overfitting
#
# In assignment 3 the MLP classified its training images far better than images it had
# not seen. A model is not
# trained to do well on its training data: it is trained to do well on *new* data from
# the same source, and the training data is only our evidence about that. This
# assignment is about the gap between the two: how to measure it honestly with training,
# validation and test sets, how it depends on the **capacity** of the model (too little:
# underfitting; too much: overfitting), what **bias** and **variance** mean, and why no
# amount of validation tells you what a model does far outside the data it saw
# (**extrapolation**).
#
# You will write three functions that the rest of the notebook uses: `split_indices`
# (a random train/validation/test split), `make_mlp` (networks of any width and depth) and
# `fit` (training with a validation pass after every epoch).
#
# **How this notebook works.** Cells marked `YOUR CODE HERE` are yours. After each one, a
# test cell checks your answer and prints a line starting with ✔ when it passes, or an
# explanation of what is wrong. (A test cell that only hidden tests can
# judge says what they check, on a line starting with "…".) More tests, hidden from you, run when the notebook is
# graded: they call your functions with other arguments, and train with your `fit` models
# (one with a dropout layer), loaders and optimizers of their own, comparing the losses and
# weights it produces with a reference. Use *Validate* (or *Kernel → Restart & Run All*)
# before you submit. Written questions are graded by hand: say what you found and why, in
# your own words. The experiments train dozens of small networks; the whole notebook runs
# in a couple of minutes on a laptop CPU.

# %% locked id=setup
%matplotlib inline
import random

import numpy as np
import torch
from torch import nn, optim
import matplotlib.pyplot as plt

from course import checks, probes, toy_data
from course.boundaries import accuracy, plot_decision_boundary, plot_regression_model, predict
from course.explorers import capacity_explorer, paint_losses
from course.live import LiveFigure, progress
from course.notebook import setup

GRADING = setup(seed=0)
torch.set_num_threads(1)  # the networks here are tiny: one CPU thread is faster than several


def epochs(full):
    """Full-size experiments for you; a small fraction while the notebook is being graded."""
    return max(10, full // 40) if GRADING else full

# %% [markdown]
# ## 1. Training, validation and test sets
#
# Every decision you make while building a model is a kind of fitting: the weights are
# fitted by gradient descent, but the width and depth, the learning rate and the number
# of epochs are fitted by you, by trying values and keeping the best. Each kind of
# fitting needs data it has not been fitted to:
#
# * the **training set** is what gradient descent sees;
# * the **validation set** is what you compare models and settings on. Because you
#   choose by it, the best validation score is slightly optimistic;
# * the **test set** is locked away until every choice is made, and used **once**, to
#   report how the chosen model will do on new data. Look at it earlier and it becomes a
#   second validation set, and your report an overestimate.
#
# All three must come from the same source as the data the model will meet later, which
# is why the examples are assigned to them **at random**.
#
# ### Exercise 1.1: `split_indices`
#
# Write `split_indices(n, val_fraction, test_fraction, seed)` that returns
# `(train_idx, val_idx, test_idx)`, a random partition of the indices `0 .. n-1`:
#
# * the validation part has `int(n * val_fraction)` indices and the test part
#   `int(n * test_fraction)` (exactly these: `int` rounds down); the remaining indices
#   are for training;
# * every index appears in exactly one of the three;
# * the same `seed` always gives the same split, and different seeds give different splits;
# * it must **not touch the global random state**: draw from your own generator,
#   `g = torch.Generator().manual_seed(seed)` and `torch.randperm(n, generator=g)`. A
#   function that calls `torch.manual_seed` silently changes every random number drawn
#   after it (weight initialisations, shuffles, dropout masks) elsewhere in the program.
#
# Return three 1-D tensors of integer indices (`torch.long`); lists of ints are accepted
# too.

# %% solution id=split_indices
def split_indices(n, val_fraction, test_fraction, seed):
    """A random partition of range(n) into (train_idx, val_idx, test_idx); global RNG untouched."""
    ### BEGIN SOLUTION
    n_val = int(n * val_fraction)     # int() rounds down, as specified
    n_test = int(n * test_fraction)
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(n, generator=generator)
    val_idx = order[:n_val]
    test_idx = order[n_val:n_val + n_test]
    train_idx = order[n_val + n_test:]
    return train_idx, val_idx, test_idx
    ### END SOLUTION

# %% test id=test_split_indices points=3
def as_index_list(indices, name):
    """The indices as a list of Python ints (from a tensor, a list, or a numpy array)."""
    if isinstance(indices, torch.Tensor):
        checks.check(indices.dim() == 1 and not indices.is_floating_point() and indices.dtype != torch.bool,
                     f"{name} should be a 1-D tensor of integer indices, got {indices.dtype} with shape "
                     f"{tuple(indices.shape)}.")
        values = indices.tolist()
    elif type(indices) in (list, tuple):
        values = list(indices)
    elif type(indices).__module__ == "numpy" and hasattr(indices, "tolist"):
        values = indices.tolist()
    else:
        checks.fail(f"{name} should be a tensor or a list of indices, got {type(indices).__name__}.")
    checks.check(all(type(v) is int for v in values), f"{name} should contain integer indices.")
    return values

parts = split_indices(10, 0.2, 0.1, seed=0)
checks.check(type(parts) in (tuple, list) and len(parts) == 3, "split_indices should return (train_idx, val_idx, test_idx).")
tr, va, te = (as_index_list(p, name) for p, name in zip(parts, ("train_idx", "val_idx", "test_idx")))
checks.check((len(tr), len(va), len(te)) == (7, 2, 1),
             f"n=10, val 0.2, test 0.1: expected sizes (7, 2, 1), got {(len(tr), len(va), len(te))}.")
checks.check(sorted(tr + va + te) == list(range(10)), "the three parts together must hold each of 0..9 exactly once.")
again = [as_index_list(p, "again") for p in split_indices(10, 0.2, 0.1, seed=0)]
checks.check(again == [tr, va, te], "the same seed must give the same split.")
checks.passed("split_indices partitions range(10) into 7 + 2 + 1 indices, reproducibly.")

# %% test id=test_split_indices_rng points=2
checks.graded_later("split_indices must leave the global random state of torch, numpy and random untouched.")

# %% [markdown]
# Two data sets from the lectures, each split 60 / 20 / 20 with your function: a noisy
# regression, $y = 2x + 3\sin(3x) + 1$ plus Gaussian noise of standard deviation 2, and a
# classification of points inside and outside a circle, whose labels are swapped at
# random more often the nearer a point lies to the circle (real labels are noisy exactly
# where the classes meet).

# %%
x_reg, y_reg = toy_data.noisy_regression(n=100, seed=42)
reg_split = split_indices(100, 0.2, 0.2, seed=0)
x_circ, y_circ = toy_data.circles(n=300, seed=5)
circ_split = split_indices(300, 0.2, 0.2, seed=0)

fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for idx, label, colour in zip(reg_split, ("train", "validation", "test"), ("tab:blue", "tab:green", "tab:gray")):
    axes[0].scatter(x_reg[idx], y_reg[idx], s=14, color=colour, label=f"{label} ({len(idx)})")
grid = torch.linspace(-4, 4, 200)
axes[0].plot(grid, toy_data.regression_truth(grid), "k--", linewidth=1, label="true function")
axes[0].set_title("Noisy regression")
axes[0].legend(fontsize=8)
for idx, label, marker in zip(circ_split, ("train", "validation", "test"), ("o", "s", "x")):
    axes[1].scatter(x_circ[idx, 0], x_circ[idx, 1], c=y_circ[idx, 0], cmap="RdBu", vmin=-0.3, vmax=1.3,
                    marker=marker, s=16, label=f"{label} ({len(idx)})")
circle = torch.linspace(0, 2 * torch.pi, 100)
axes[1].plot(torch.pi * torch.cos(circle), torch.pi * torch.sin(circle), "k--", linewidth=1)
axes[1].set_aspect("equal")
axes[1].set_title("Circle classification (blue: inside, label 1)")
legend = axes[1].legend(fontsize=8)
for handle in legend.legend_handles:
    handle.set_color("gray")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 2. Networks of any size
#
# The capacity of a fully connected network is set by its **width** (units per hidden
# layer) and its **depth** (number of hidden layers). A function that builds any of them
# makes experiments easy.
#
# ### Exercise 2.1: `make_mlp`
#
# Write `make_mlp(in_features, out_features, hidden_features, num_hidden_layers,
# activation=nn.Tanh)` that returns an `nn.Sequential`:
#
# * `num_hidden_layers == 0`: a single `nn.Linear(in_features, out_features)` (a linear model);
# * otherwise `nn.Linear(in_features, hidden_features)`, an activation, then
#   `num_hidden_layers - 1` times `nn.Linear(hidden_features, hidden_features)` and an
#   activation, and finally `nn.Linear(hidden_features, out_features)`, with no
#   activation after it.
#
# `activation` is a **class** such as `nn.Tanh` or `nn.ReLU`: call it once per layer, so
# that every hidden layer has its own activation module (a module object should appear
# in a network once). For example `make_mlp(1, 1, 8, 2)` is
# `Linear(1, 8), Tanh, Linear(8, 8), Tanh, Linear(8, 1)`.

# %% solution id=make_mlp
def make_mlp(in_features, out_features, hidden_features, num_hidden_layers, activation=nn.Tanh):
    """A fully connected network: num_hidden_layers hidden layers of width hidden_features."""
    ### BEGIN SOLUTION
    if num_hidden_layers == 0:
        return nn.Sequential(nn.Linear(in_features, out_features))
    layers = [nn.Linear(in_features, hidden_features), activation()]
    for _ in range(num_hidden_layers - 1):
        layers += [nn.Linear(hidden_features, hidden_features), activation()]
    layers.append(nn.Linear(hidden_features, out_features))
    return nn.Sequential(*layers)
    ### END SOLUTION

# %% test id=test_make_mlp points=4
def describe_layers(model):
    """('Linear', in, out) or the class name, for each layer of a Sequential."""
    return [(type(m).__name__, m.in_features, m.out_features) if isinstance(m, nn.Linear) else type(m).__name__
            for m in model]

net = make_mlp(1, 1, 8, 2)
checks.check(isinstance(net, nn.Sequential), f"make_mlp should return an nn.Sequential, got {type(net).__name__}.")
checks.check(describe_layers(net) == [("Linear", 1, 8), "Tanh", ("Linear", 8, 8), "Tanh", ("Linear", 8, 1)],
             f"make_mlp(1, 1, 8, 2): expected Linear(1, 8), Tanh, Linear(8, 8), Tanh, Linear(8, 1), "
             f"got {describe_layers(net)}.")
checks.check(describe_layers(make_mlp(2, 3, 16, 0)) == [("Linear", 2, 3)],
             f"make_mlp(2, 3, 16, 0) should be a single Linear(2, 3), got {describe_layers(make_mlp(2, 3, 16, 0))}.")
checks.passed("make_mlp builds the example networks.")

# %% [markdown]
# How many parameters do different shapes have? A hidden layer of width $h$ after one of
# width $h$ adds $h^2 + h$ parameters, so depth at constant width grows the count
# linearly and width grows it quadratically.

# %%
for hidden, layers in ((1, 1), (16, 1), (30, 6), (50, 6)):
    model = make_mlp(1, 1, hidden, layers)
    print(f"{layers} hidden layer(s) of width {hidden:2d}: {sum(p.numel() for p in model.parameters()):5d} parameters")

# %% [markdown]
# ## 3. Training with a validation pass
#
# After each epoch of training, `fit` measures the loss on the validation set. Two
# switches matter, and tutorials (including some of this course's sources) often forget
# them:
#
# * **`model.eval()` during validation.** Some layers behave differently while training:
#   dropout drops units at random, batch normalisation uses the statistics of the batch.
#   Validation must measure the model you will use, so it runs in evaluation mode, and
#   training must switch back with `model.train()` afterwards, or the next epoch trains in
#   evaluation mode.
# * **`torch.no_grad()` during validation.** No gradient is needed, so autograd should not
#   record the graph: it saves time and memory, and makes it impossible for validation to
#   leak into the weights.
#
# ### Exercise 3.1: `fit`
#
# Write `fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs)` that returns
# `{"train_loss": [...], "val_loss": [...]}`. For each epoch:
#
# 1. `model.train()`; for each training batch: `optimizer.zero_grad()`, forward,
#    the loss `loss_fn(model(xb), yb)` (called exactly so: no reshaping), `loss.backward()`,
#    `optimizer.step()`; record the **mean of the per-batch losses** in `train_loss`;
# 2. `model.eval()` and, under `torch.no_grad()`, compute `loss_fn(model(xb), yb)` for
#    every validation batch; record the mean of these per-batch losses in `val_loss`;
#    then `model.train()` again.
#
# Record Python floats (`loss.item()`). Use the model, loss, optimizer and loaders you are
# given; create none of your own.

# %% solution id=fit
def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    """Train for num_epochs epochs, validating after each; returns the per-epoch mean losses."""
    ### BEGIN SOLUTION
    history = {"train_loss": [], "val_loss": []}
    for epoch in range(num_epochs):
        model.train()
        total, batches = 0.0, 0
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)     # exactly as given: no reshaping
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
        history["train_loss"].append(total / batches)

        model.eval()
        total, batches = 0.0, 0
        with torch.no_grad():
            for xb, yb in val_loader:
                total += loss_fn(model(xb), yb).item()
                batches += 1
        history["val_loss"].append(total / batches)
        model.train()
    return history
    ### END SOLUTION

# %% test id=test_fit points=3
# A linear model on five points (batches of 3 and 2), validated on three (batches of 2 and 1).
fx = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0], [-1.0, 2.0]])
fy = torch.tensor([[1.0], [0.0], [2.0], [1.0], [0.0]])
vx = torch.tensor([[0.5, 0.5], [1.0, -1.0], [0.0, 2.0]])
vy = torch.tensor([[1.0], [0.5], [-0.5]])
check_model = nn.Linear(2, 1)
with torch.no_grad():
    check_model.weight.copy_(torch.tensor([[0.5, -0.3]]))
    check_model.bias.fill_(0.1)
history = fit(check_model, nn.MSELoss(), optim.SGD(check_model.parameters(), lr=0.1),
              probes.ScriptedLoader(probes.make_batches(fx, fy, [3, 2])),
              probes.ScriptedLoader(probes.make_batches(vx, vy, [2, 1])), 3)
checks.check(type(history) is dict and set(history) == {"train_loss", "val_loss"},
             "fit should return a dict with exactly the keys 'train_loss' and 'val_loss'.")
checks.check(len(history["train_loss"]) == 3 and len(history["val_loss"]) == 3, "one loss per epoch (3) in each list.")
checks.check_close("train_loss", history["train_loss"], [0.774289, 0.324882, 0.266386], rtol=1e-4, likely={
    "a mean over examples (weighted by batch size); average the per-batch losses.": [0.825431, 0.380994, 0.307338],
})
checks.check_close("val_loss", history["val_loss"], [0.425738, 0.621426, 0.720162], rtol=1e-4, likely={
    "a mean over examples (weighted by batch size); average the per-batch losses.": [0.330206, 0.443, 0.50302],
})
checks.check(check_model.training is True, "after fit the model should be back in training mode.")
checks.passed("fit trains, validates and records the per-epoch means.")

# %% test id=test_fit_validation points=3
# Validation runs in eval mode without gradients, never changes the weights, and the model
# ends in training mode. (The hidden tests train a model with a dropout layer, where each
# of these shows in the losses and weights.)
check_model = nn.Linear(2, 1)
fit(check_model, nn.MSELoss(), optim.SGD(check_model.parameters(), lr=0.1),
    probes.ScriptedLoader(probes.make_batches(fx, fy, [3, 2])),
    probes.ScriptedLoader(probes.make_batches(vx, vy, [2, 1])), 2)
checks.check(check_model.training is True, "fit should leave the model in training mode (model.train() after validating).")
checks.passed("fit leaves the model in training mode; the hidden tests check validation's mode, no_grad and weights.")

# %% [markdown]
# ## 4. Capacity: underfitting and overfitting
#
# Three tanh networks of growing capacity on the noisy regression, each trained with
# your `fit` on the 60 training points and validated on 20 others. The loaders serve the
# whole set as one batch (`toy_data.loader`), and the optimizer is Adam, a variant of
# gradient descent with an automatically adapted step per parameter: it gets there in a
# few thousand epochs where plain SGD would need tens of thousands.
#
# ### Adam's update
#
# For each parameter $\theta$, with gradient $g_t$ at step $t = 1, 2, \ldots$, Adam keeps
# two running averages, both starting at 0: a smoothed gradient (the *momentum*) and a
# smoothed squared gradient,
#
# $$m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \qquad v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2 .$$
#
# Because they start at 0 they are too small in the first steps; dividing by $1 - \beta^t$
# corrects that (*bias correction*): $\hat m_t = m_t / (1 - \beta_1^t)$ and
# $\hat v_t = v_t / (1 - \beta_2^t)$. The step is
#
# $$\theta \leftarrow \theta - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon},$$
#
# with PyTorch's defaults $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\epsilon = 10^{-8}$. Dividing by
# the size of the recent gradients makes every parameter's step about $\eta$, whether its
# gradient is large or tiny: steep and flat directions progress alike, the tension that
# one learning rate could not resolve in assignment 2. The first step shows it most
# plainly, since there $\hat m_1 / \sqrt{\hat v_1} = g_1 / |g_1|$: two parameters with
# gradients 100 and 0.01 both move by the learning rate.

# %%
adam_demo = torch.tensor([1.0, 1.0], requires_grad=True)
adam_demo_optimizer = optim.Adam([adam_demo], lr=0.1)
(adam_demo * torch.tensor([100.0, 0.01])).sum().backward()      # gradients 100 and 0.01
adam_demo_optimizer.step()
adam_first_moves = (1.0 - adam_demo.detach()).tolist()
print(f"gradients {adam_demo.grad[0]:g} and {adam_demo.grad[1]:g}; after one Adam step with lr = 0.1 the two parameters moved by "
      f"{adam_first_moves[0]:.6f} and {adam_first_moves[1]:.6f}")

# %% [markdown]
# First the largest network, six hidden layers of 30 units, while it trains:

# %%
(reg_tr, reg_va, reg_te) = reg_split
reg_train = toy_data.loader(x_reg[reg_tr], y_reg[reg_tr])  # one batch of 60
reg_val = toy_data.loader(x_reg[reg_va], y_reg[reg_va])


def train_live(model, loss_fn, train_loader, val_loader, num_epochs, paint_model, lr=0.01, frames=20, log=True):
    """fit() in slices of num_epochs / frames epochs, redrawing the model and the curves in between."""
    optimizer = optim.Adam(model.parameters(), lr=lr)
    history = {"train_loss": [], "val_loss": []}
    live = LiveFigure(ncols=2, figsize=(10, 3.8))

    def paint(axes):
        paint_model(axes[0], model, len(history["train_loss"]))
        paint_losses(axes[1], {"train": history["train_loss"], "validation": history["val_loss"]}, log=log,
                     title=f"train {history['train_loss'][-1]:.3f}   validation {history['val_loss'][-1]:.3f}")

    per_frame = max(1, num_epochs // frames)
    for _ in progress(range(num_epochs // per_frame), desc="training"):
        part = fit(model, loss_fn, optimizer, train_loader, val_loader, per_frame)
        history["train_loss"] += part["train_loss"]
        history["val_loss"] += part["val_loss"]
        live.update(paint)
    return history, live, paint


def paint_regression(ax, model, epoch):
    plot_regression_model(model, x_reg[reg_tr], y_reg[reg_tr], ax=ax, x_range=(-4, 4.5), ylim=(-12, 16),
                          truth=toy_data.regression_truth, extra=[(x_reg[reg_va], y_reg[reg_va], "validation")],
                          title=f"6 hidden layers x 30, epoch {epoch}")


torch.manual_seed(0)
big_reg = make_mlp(1, 1, 30, 6)
big_reg_history, live, paint = train_live(big_reg, nn.MSELoss(), reg_train, reg_val, epochs(1500), paint_regression,
                                          lr=0.003)
live.show(paint)
plt.show()

# %% [markdown]
# Early on, both losses fall together: the network is learning the shape of the curve.
# Then the training loss keeps falling while the validation loss turns and rises: the
# network bends itself through individual noisy training points, which helps on those
# points and hurts everywhere else. That is **overfitting**. Now the same data with a
# network of one hidden unit and one of 16 units in one layer:

# %%
def train_quietly(model, loss_fn, train_loader, val_loader, num_epochs, lr=0.01):
    return fit(model, loss_fn, optim.Adam(model.parameters(), lr=lr), train_loader, val_loader, num_epochs)


reg_models, reg_histories = {}, {}
for name, (width, depth) in progress({"1 hidden unit": (1, 1), "1 layer of 16": (16, 1)}.items(), desc="models"):
    torch.manual_seed(0)
    reg_models[name] = make_mlp(1, 1, width, depth)
    reg_histories[name] = train_quietly(reg_models[name], nn.MSELoss(), reg_train, reg_val, epochs(2000))
reg_models["6 layers of 30"] = big_reg
reg_histories["6 layers of 30"] = big_reg_history

fig, axes = plt.subplots(1, 3, figsize=(15, 3.8))
for ax, (name, model) in zip(axes, reg_models.items()):
    h = reg_histories[name]
    plot_regression_model(model, x_reg[reg_tr], y_reg[reg_tr], ax=ax, x_range=(-4, 4.5), ylim=(-12, 16),
                          truth=toy_data.regression_truth, extra=[(x_reg[reg_va], y_reg[reg_va], "validation")],
                          title=f"{name}: train {h['train_loss'][-1]:.2f}, validation {h['val_loss'][-1]:.2f}")
plt.tight_layout()
plt.show()
squared_errors = ((predict(reg_models["1 layer of 16"], x_reg[reg_va]) - y_reg[reg_va]) ** 2).reshape(-1)
worst = int(squared_errors.argmax())
worst_share = float(squared_errors[worst] / squared_errors.sum())
print(f"1 layer of 16: its worst validation point, at ({x_reg[reg_va][worst, 0]:.1f}, {y_reg[reg_va][worst, 0]:.1f}), "
      f"makes up {worst_share:.0%} of its validation loss")

# %% [markdown]
# * **One hidden unit underfits.** It can only draw a smooth S-shaped step, so it misses
#   the wiggles: its training loss is the highest of the three, because it cannot even
#   fit the points it was trained on. The model is **biased**: whatever data you give
#   it, it cannot represent the truth.
# * **Sixteen units in one layer** follow the wiggles, and have the lowest validation
#   loss of the three. Even they bend a little towards individual points (their training
#   loss is below the noise variance $2^2 = 4$, the lowest loss any model can expect on
#   new points): capacity is a matter of degree, not a switch.
# * **Six layers of 30 overfit**: the lowest training loss and the highest validation
#   loss. A training loss far below the noise variance is itself a warning sign: no
#   honest model can predict noise.
#
# With only 20 validation points, each validation loss is itself a noisy estimate; one
# unlucky point weighs a lot (the share of the worst one is printed above). Larger
# validation sets give steadier comparisons.
#
# The same story in two dimensions. The circle data, with BCE-with-logits loss (the
# networks output a logit; `nn.BCEWithLogitsLoss` applies the sigmoid inside, which is
# more accurate than a `Sigmoid` layer followed by `nn.BCELoss`), and three networks:
# two hidden tanh units (the lecture's "not non-linear enough"), one layer of 4, and the
# lecture's six layers of 50. The shading shows the predicted probability of class 1
# (blue), the black line the decision boundary where it crosses 0.5.

# %%
(circ_tr, circ_va, circ_te) = circ_split
circ_train = toy_data.loader(x_circ[circ_tr], y_circ[circ_tr])
circ_val = toy_data.loader(x_circ[circ_va], y_circ[circ_va])
bce = nn.BCEWithLogitsLoss()


def paint_circles(ax, model, epoch):
    plot_decision_boundary(model, x_circ[circ_tr], y_circ[circ_tr], ax=ax, steps=120,
                           title=f"6 hidden layers x 50, epoch {epoch}")


torch.manual_seed(0)
big_circ = make_mlp(2, 1, 50, 6)
big_circ_history, live, paint = train_live(big_circ, bce, circ_train, circ_val, epochs(2000), paint_circles,
                                            lr=0.003, frames=10)
live.show(paint)
plt.show()

circ_models, circ_histories = {}, {}
for name, (width, depth) in progress({"2 hidden units": (2, 1), "1 layer of 4": (4, 1)}.items(), desc="models"):
    torch.manual_seed(0)
    circ_models[name] = make_mlp(2, 1, width, depth)
    circ_histories[name] = train_quietly(circ_models[name], bce, circ_train, circ_val, epochs(1000))
circ_models["6 layers of 50"] = big_circ
circ_histories["6 layers of 50"] = big_circ_history

fig, axes = plt.subplots(1, 3, figsize=(14, 4.6))
for ax, (name, model) in zip(axes, circ_models.items()):
    train_acc = accuracy(model, x_circ[circ_tr], y_circ[circ_tr])
    val_acc = accuracy(model, x_circ[circ_va], y_circ[circ_va])
    val_loss = circ_histories[name]["val_loss"][-1]
    plot_decision_boundary(model, x_circ[circ_tr], y_circ[circ_tr], ax=ax,
                           title=f"{name}: accuracy train {train_acc:.2f}, validation {val_acc:.2f}\n"
                                 f"loss train {circ_histories[name]['train_loss'][-1]:.3f}, validation {val_loss:.3f}")
plt.tight_layout()
plt.show()

# %% [markdown]
# Two units can only cut the plane with two soft straight lines: they underfit. Four
# units draw a roundish region close to the circle. Six layers of 50 carve out islands
# and inlets around individual points whose labels were swapped by the noise: the highest
# training accuracy of the three, a wide gap to its validation accuracy, and the highest
# validation loss. The validation *loss* separates the models more clearly than the
# accuracy: the overfitted network is not only wrong on some new points, it is wrong with
# great confidence, and cross-entropy punishes confident mistakes hard. With
# 60 validation points, one point is 1.7% of accuracy, so differences of a few percent
# are noise.
#
# ### Choosing, and the one look at the test set
#
# With every candidate trained, the choice is made on the validation loss, and only the
# chosen model is evaluated on the test set, once:

# %%
for name, h in reg_histories.items():
    print(f"regression, {name:15s}: validation MSE {h['val_loss'][-1]:.3f}")
chosen = min(reg_histories, key=lambda name: reg_histories[name]["val_loss"][-1])
test_mse = nn.functional.mse_loss(predict(reg_models[chosen], x_reg[reg_te]), y_reg[reg_te]).item()
print(f"chosen by validation: {chosen}; its test MSE: {test_mse:.3f}")

# %% [markdown]
# ### Explorer: width and depth
#
# Pick a task, a number of hidden layers (0 is a linear model) and a width, and press
# *Train*. Your `make_mlp` builds the network and your `fit` trains it, with Adam on the
# same splits as above. Try to find: the smallest network that fits each task well; a
# network that overfits within 1,000 epochs; whether depth or width overfits sooner; what
# a network with 0 hidden layers does with the circles.

# %%
def explorer_paint_regression(ax, model, task):
    plot_regression_model(model, task["x"], task["y"], ax=ax, x_range=(-4, 4.5), ylim=(-12, 16),
                          truth=toy_data.regression_truth, extra=[(task["val_x"], task["val_y"], "validation")])


def explorer_paint_circles(ax, model, task):
    plot_decision_boundary(model, task["x"], task["y"], ax=ax, steps=100)


def explorer_train(model, optimizer, task, num_epochs):
    return fit(model, task["loss"], optimizer, toy_data.loader(task["x"], task["y"]),
               toy_data.loader(task["val_x"], task["val_y"]), num_epochs)


tasks = {
    "noisy regression": {"x": x_reg[reg_tr], "y": y_reg[reg_tr], "val_x": x_reg[reg_va], "val_y": y_reg[reg_va],
                         "in": 1, "out": 1, "loss": nn.MSELoss(), "paint": explorer_paint_regression},
    "circles": {"x": x_circ[circ_tr], "y": y_circ[circ_tr], "val_x": x_circ[circ_va], "val_y": y_circ[circ_va],
                "in": 2, "out": 1, "loss": nn.BCEWithLogitsLoss(), "paint": explorer_paint_circles},
}
if not GRADING:
    capacity_explorer(make_mlp, explorer_train, tasks, epochs=(100, 3000, 1000))
else:
    print("(The explorer is not built in grading mode.)")

# %% [markdown]
# ### Question 4.1 (autograded)
#
# Four networks trained on the same regression data reached these final losses:
#
# | network | training loss | validation loss |
# |---|---|---|
# | A | 7.9 | 8.2 |
# | B | 3.2 | 3.9 |
# | C | 0.4 | 9.6 |
# | D | 2.4 | 4.6 |
#
# Set `underfitting_model` and `overfitting_model` to the letter of the network that most
# clearly underfits and overfits, `chosen_model` to the one you would pick, and
# `report_set` to the set (`"train"`, `"validation"` or `"test"`) on which you then
# measure the loss you report as the expected loss on new data.

# %% solution id=diagnosis
### BEGIN SOLUTION
underfitting_model = "A"
overfitting_model = "C"
chosen_model = "B"
report_set = "test"
### END SOLUTION

# %% test id=test_diagnosis points=2
for answer_name in ("underfitting_model", "overfitting_model", "chosen_model", "report_set"):
    checks.check(type(globals().get(answer_name)) is str, f"{answer_name} should be a string.")
checks.passed("all four answers are strings; their values are checked when your work is graded.")

# %% [markdown] locked id=prompt_capacity
# ### Question 4.2 (written, 3 points)
#
# A classmate trains the six-layer network of section 4 for 5,000 epochs. The training
# loss ends at 0.3, the validation loss bottomed out at 4.2 around epoch 300 and ends at
# 9.0. They write in their report: "the network's loss on new data is 4.2, reached at
# epoch 300". (a) What happened during training? (b) Name two different ways to get a
# better model, saying for each why it helps. (c) What is wrong with the sentence in
# the report?

# %% [markdown] manual id=written_capacity points=3
# ### BEGIN SOLUTION
# *Rubric (3 points):* 1 point for (a): overfitting: after epoch ~300 the network fits
# the noise of the training points (training loss below the noise level), which raises
# the error on other points; 1 point for (b), two valid remedies with reasons, among:
# a smaller network (less capacity, cannot follow the noise), early stopping at the
# validation minimum (stop before memorisation starts), more training data (the noise
# averages out), regularisation such as weight decay or dropout (penalises or disturbs
# the wiggly solutions); 1 point for (c): 4.2 is the minimum over many epochs of the
# validation loss, and the epoch was chosen by it, so it is an optimistic estimate
# (and the network at epoch 5,000 is not the one at epoch 300 unless its weights were
# saved); the number to report is the test loss of the chosen model, measured once.
#
# (a) The network overfits. Until about epoch 300 it learns the shape of the function and
# both losses fall; afterwards it uses its capacity to pass through individual noisy
# training points (a training loss of 0.3 is far below the noise variance of 4), which
# makes its predictions between and around those points worse, so validation loss rises.
# (b) Early stopping: keep the weights from the epoch with the lowest validation loss,
# before memorisation starts. A smaller network (fewer layers or units): with less
# capacity it cannot follow the noise. More data, or weight decay / dropout, which make
# the wiggly interpolating solutions costly or unstable, would also help.
# (c) 4.2 is the best of thousands of validation measurements, and the epoch was picked
# because of it, so it is biased low; the validation set has been used for a decision.
# Also, unless the weights of epoch 300 were saved, the network they hold is the
# overfitted one with validation loss 9.0. The loss on new data should be measured once
# on the untouched test set, with the model actually chosen.
# ### END SOLUTION

# %% [markdown]
# ## 5. Extrapolation
#
# Validation answers one question: how well does the model do on new data **from the
# same distribution** as the training data. It says nothing about inputs unlike any it
# has seen. Here is the lecture's $y = \sin(\cos(x^2))$ with a little noise, sampled on
# $[-3, 3]$. The networks train on points with $|x| \le 2$ only (split at random into
# training and validation); the points with $|x| > 2$ are kept apart to see what happens
# outside. Two networks, three hidden layers of 32, one with tanh and one with ReLU
# activations (your `make_mlp` with `activation=nn.ReLU`).

# %%
x_sc, y_sc = toy_data.sin_cos(n=600, low=-3.0, high=3.0, noise=0.1, seed=0)
inside = x_sc[:, 0].abs() <= 2
x_in, y_in, x_out, y_out = x_sc[inside], y_sc[inside], x_sc[~inside], y_sc[~inside]
sc_tr, sc_va, _ = split_indices(len(x_in), 0.2, 0.0, seed=0)
sc_train = toy_data.loader(x_in[sc_tr], y_in[sc_tr])
sc_val = toy_data.loader(x_in[sc_va], y_in[sc_va])

extrapolators, inside_mse, outside_mse = {}, {}, {}
fig, axes = plt.subplots(1, 2, figsize=(12, 3.8))
for ax, activation in zip(axes, (nn.Tanh, nn.ReLU)):
    name = activation.__name__
    torch.manual_seed(0)
    model = extrapolators[name] = make_mlp(1, 1, 32, 3, activation=activation)
    inside_mse[name] = train_quietly(model, nn.MSELoss(), sc_train, sc_val, epochs(1500))["val_loss"][-1]
    outside_mse[name] = nn.functional.mse_loss(predict(model, x_out), y_out).item()
    plot_regression_model(model, x_in[sc_tr], y_in[sc_tr], ax=ax, x_range=(-3, 3), ylim=(-1.5, 1.5),
                          truth=toy_data.sin_cos_truth, train_range=(-2, 2),
                          extra=[(x_out, y_out, "outside |x| > 2")],
                          title=f"{name}: validation MSE {inside_mse[name]:.4f}, outside {outside_mse[name]:.3f}")
plt.tight_layout()
plt.show()
for name in extrapolators:
    print(f"{name}: validation MSE {inside_mse[name]:.4f}, MSE outside |x| > 2 {outside_mse[name]:.3f}, "
          f"{outside_mse[name] / inside_mse[name]:.0f} times larger")

# %% [markdown]
# Inside the shaded training range both networks follow the curve to within the noise
# (the noise variance is $0.1^2 = 0.01$), and the validation loss confirms it. Outside,
# each continues in its own way: the tanh network levels off, since its units saturate
# (far enough out, every unit is pinned at -1 or 1 and the output is a constant), the ReLU
# network continues in straight pieces, since it is piecewise linear (far enough out, one
# straight line). Neither oscillates like $\sin(\cos(x^2))$, because nothing in
# the training data said it should, and their error there is many times larger (the
# ratios are printed above). The validation loss could not warn you: it was measured
# inside.
#
# This is also why the lecture's version of this experiment looked so bad: it split a
# *sorted* grid with `torch.split`, so its "test" set was the interval $[1.8, 3]$, an
# extrapolation test, and its evaluation loss was large no matter how the network was
# trained. Split at random (as `split_indices` does) when the question is how well a
# model generalises; keep a region apart on purpose only when extrapolation is the
# question.

# %% [markdown] locked id=prompt_extrapolation
# ### Question 5.1 (written, 2 points)
#
# A network predicts the price of a flat from its floor area. It was trained and
# validated on flats of 30 to 150 m², with a low validation error. A customer asks for a
# price for a 400 m² penthouse. What does the validation error tell you about this
# prediction, and what would you tell the customer? Use the experiment above.

# %% [markdown] manual id=written_extrapolation points=2
# ### BEGIN SOLUTION
# *Rubric (2 points):* 1 point: the validation error only describes inputs from the
# training distribution (30 to 150 m²); 400 m² is an extrapolation, where nothing
# constrained the network, and its output there is determined by its architecture
# (e.g. tanh saturates to a constant, ReLU continues linearly), not by data, so the
# error can be arbitrarily large; 1 point: a sensible response: decline or flag the
# prediction as unreliable, collect data on large flats, or use a model whose behaviour
# outside the range is justified by domain knowledge.
#
# Nothing reliable. The validation error was measured on flats like the training ones,
# 30 to 150 m², so it estimates the error for such flats only. At 400 m² the network
# extrapolates: no training point constrained it there, and what it outputs is whatever
# its architecture does far from the data (a tanh network levels off, so it would
# predict roughly the price of a 150 m² flat; a ReLU network continues a straight line),
# just as both networks missed sin(cos(x^2)) outside |x| <= 2 while their validation
# loss was tiny. I would tell the customer the model cannot price such a flat, and
# either collect sales of large flats or use an estimate based on domain knowledge.
# ### END SOLUTION

# %% [markdown]
# ## 6. Bias and variance
#
# Where does the error on new data come from? Imagine drawing many training sets of 40
# points from the noisy regression and training the same architecture on each. At a
# given $x$ you then get a spread of predictions $\hat f(x)$. The expected squared error
# on a new point splits into three parts:
#
# $$\mathbb{E}\big[(y - \hat f(x))^2\big] =
#   \underbrace{\big(\mathbb{E}[\hat f(x)] - f(x)\big)^2}_{\text{bias}^2}
#   + \underbrace{\mathrm{Var}\big[\hat f(x)\big]}_{\text{variance}}
#   + \underbrace{\sigma^2}_{\text{noise}} .$$
#
# **Bias** is how far the *average* model is from the truth: a model too simple to
# represent $f$ is off in the same way whatever data it gets. **Variance** is how much the
# model changes from one training set to another: a model that can follow every noisy
# point follows different noise each time. The noise $\sigma^2 = 4$ is beyond any model.
# Below, three architectures are each trained on several independent training sets;
# the thin lines are the individual fits, the thick line their average.

# %%
def train_full_batch(model, x, y, num_epochs, lr=0.01):
    optimizer = optim.Adam(model.parameters(), lr=lr)
    for _ in range(num_epochs):
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
    return model


bv_grid = torch.linspace(-2.5, 2.5, 200).unsqueeze(1)
bv_truth = toy_data.regression_truth(bv_grid)
draws = 2 if GRADING else 6
architectures = {"linear (0 hidden layers)": (1, 0), "1 layer of 16": (16, 1), "3 layers of 32": (32, 3)}
bias_variance, fits_on_grid = {}, {}


def bias2_and_variance(fits):
    """Bias squared and variance of a stack of fits (one row per training set), averaged over the grid."""
    mean_fit = fits.mean(dim=0)
    return ((mean_fit - bv_truth[:, 0]) ** 2).mean().item(), fits.var(dim=0, unbiased=False).mean().item()


fig, axes = plt.subplots(1, 3, figsize=(15, 3.8), sharey=True)
for ax, (name, (width, depth)) in zip(axes, architectures.items()):
    fits = []
    for draw in progress(range(draws), desc=name):
        x_draw, y_draw = toy_data.noisy_regression(n=40, seed=100 + draw)
        torch.manual_seed(draw)
        model = train_full_batch(make_mlp(1, 1, width, depth), x_draw, y_draw, epochs(800))
        fits.append(predict(model, bv_grid).reshape(-1))
        ax.plot(bv_grid[:, 0], fits[-1], color="tab:red", alpha=0.35, linewidth=1)
    fits = fits_on_grid[name] = torch.stack(fits)
    mean_fit = fits.mean(dim=0)
    bias2, variance = bias_variance[name] = bias2_and_variance(fits)
    ax.plot(bv_grid[:, 0], bv_truth[:, 0], "k--", linewidth=1.5, label="true function")
    ax.plot(bv_grid[:, 0], mean_fit, color="tab:red", linewidth=2.5, label="average fit")
    ax.set_ylim(-12, 16)
    ax.set_title(f"{name}\nbias$^2$ {bias2:.2f}, variance {variance:.2f}", fontsize=10)
    ax.legend(fontsize=8)
plt.tight_layout()
plt.show()

fig, ax = plt.subplots(figsize=(6, 3.2))
names = list(bias_variance)
ax.bar(names, [b for b, _ in bias_variance.values()], label="bias$^2$")
ax.bar(names, [v for _, v in bias_variance.values()], bottom=[b for b, _ in bias_variance.values()], label="variance")
ax.set_ylabel("average over x in [-2.5, 2.5]")
ax.set_title(f"Error beyond the noise, {draws} training sets of 40 points each")
ax.legend()
plt.show()

# %% [markdown]
# The linear model has a large bias and a small variance: every fit is nearly the same
# wrong line. The deep network has a small bias (its average is close to the truth, like
# the middle network's) and a large variance: each fit chases its own training set's
# noise. The middle network balances the two and has the smallest total. More capacity
# trades bias for variance; regularisation (early stopping, dropout, weight decay: the
# next three assignments) lowers variance while keeping the capacity.
#
# ### More data, same network
#
# The deep network's fits differ because each follows the noise of its own 40 points. Give
# it four times as many, 160 points per training set from the same source, and train it
# exactly as before:

# %%
more_data_fits = []
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), sharey=True)
for draw in progress(range(draws), desc="160 points"):
    x_draw, y_draw = toy_data.noisy_regression(n=160, seed=200 + draw)
    torch.manual_seed(draw)
    model = train_full_batch(make_mlp(1, 1, 32, 3), x_draw, y_draw, epochs(800))
    more_data_fits.append(predict(model, bv_grid).reshape(-1))
more_data_fits = torch.stack(more_data_fits)
data_size_bias_variance = {40: bias_variance["3 layers of 32"], 160: bias2_and_variance(more_data_fits)}
for ax, (n_points, fits) in zip(axes, ((40, fits_on_grid["3 layers of 32"]), (160, more_data_fits))):
    for fit_line in fits:
        ax.plot(bv_grid[:, 0], fit_line, color="tab:red", alpha=0.35, linewidth=1)
    ax.plot(bv_grid[:, 0], bv_truth[:, 0], "k--", linewidth=1.5, label="true function")
    bias2, variance = data_size_bias_variance[n_points]
    ax.set_ylim(-12, 16)
    ax.set_title(f"3 layers of 32, {draws} training sets of {n_points} points\n"
                 f"bias$^2$ {bias2:.2f}, variance {variance:.2f}", fontsize=10)
    ax.legend(fontsize=8)
plt.tight_layout()
plt.show()
(bias2_40, variance_40), (bias2_160, variance_160) = data_size_bias_variance[40], data_size_bias_variance[160]
print(f"3 layers of 32: variance {variance_40:.2f} with 40 points per training set, {variance_160:.2f} with 160: "
      + (f"{variance_40 / variance_160:.1f} times smaller with four times the data." if variance_160 < variance_40
         else "no smaller with four times the data."))

# %% [markdown]
# With more points per training set, the noise of individual points averages out: the
# fits move less from one training set to the next (the printed line above compares the
# two variances). More data lowers the variance of a given architecture, which is why a
# network that overfits a small data set can be the right choice for a large one.
#
# ## Summary
#
# * Train on the training set, choose on the validation set, report on the test set,
#   once. Split at random, with your own seeded generator.
# * Too little capacity underfits (high bias: training and validation losses both high);
#   too much overfits (high variance: training loss low, validation loss high).
# * Validate in `model.eval()` under `torch.no_grad()` and switch back with
#   `model.train()`.
# * Validation measures performance where the training data lives; far outside it a
#   network extrapolates, and no validation score can vouch for that.
