# %% [markdown]
# # Assignment 3: A linear classifier and an MLP on CIFAR-10
#
# So far the models were lines through a handful of points. Now they look at pictures:
# 32x32 colour images of ten kinds of objects. You will treat an image as a vector of 3,072
# numbers, count what a linear classifier and a multi-layer perceptron (MLP) have to learn,
# build both as `nn.Module`s, write the training and evaluation loops that every later
# assignment reuses, and train both models on 2,000 images. The MLP will look brilliant on
# the images it trained on. Then you will show it images it has never seen.
#
# **How this notebook works.** Cells marked `YOUR CODE HERE` are yours. After each one, a
# test cell checks your answer and prints a line starting with ✔ when it passes, or an
# explanation of what is wrong when it does not. (A test cell that only hidden tests can
# judge says what they check, on a line starting with "…".) Hidden tests run when the notebook is
# graded: they try your code on other inputs and watch *how* your loops train (mode
# switches, gradients, batches), so write it for any input, not only for the example shown.
# Use *Validate* (or *Kernel → Restart & Run All*) before you submit.
#
# The two training runs of section 6 take a few minutes on a laptop CPU (much less on a GPU);
# each prints how long it took. While the notebook is being graded they run at a reduced size.

# %% locked id=setup
%matplotlib inline
import time

import torch
from torch import nn
import matplotlib.pyplot as plt

from course import checks, probes
from course import cifar_experiments as cx
from course.device import pick_device
from course.loaders import batch_loader
from course.notebook import setup

GRADING = setup(seed=0)
device = pick_device()
print("device:", device)

# %% [markdown]
# ## 1. CIFAR-10, as you and as the model see it
#
# CIFAR-10 has 50,000 training and 10,000 test images in ten classes. To keep training
# quick we use a random subset of 2,000 training images; 1,000 other images of the training
# split as a **validation set**, which the models never train on and which we may look at as
# often as we like while we watch and decide; and 2,000 images from the separate test split,
# which we look at once, at the very end. The subsets are held in memory as tensors, already
# scaled to 0..1 and standardised per colour channel.
#
# The first line printed below says whether these are the real CIFAR-10 images or a
# synthetic stand-in (where the real data cannot be downloaded, the course generates images
# in the exact CIFAR-10 format, in ten made-up classes named class 0 to class 9).
# Everything in this notebook works the same on both; the percentages differ.

# %%
train_set, val_set, test_set = cx.load_splits()
images, labels = train_set.tensors
print("images:", tuple(images.shape), images.dtype, "  labels:", tuple(labels.shape), labels.dtype)
cx.show_one_per_class(train_set)
plt.show()

# %% [markdown]
# One image is a tensor of shape `(3, 32, 32)`: three colour channels of 32x32 pixels. A
# linear classifier or an MLP has no notion of "neighbouring pixels": it takes the image
# *unrolled* into one long vector of $3 \cdot 32 \cdot 32 = 3072$ numbers. Here is the first
# image as the model receives it.

# %%
first = images[0]
vector = first.reshape(-1)
print("one image:", tuple(first.shape), "->", tuple(vector.shape))
fig, ax = plt.subplots(figsize=(9, 2.4))
for c, colour in enumerate(["tab:red", "tab:green", "tab:blue"]):
    ax.plot(range(c * 1024, (c + 1) * 1024), vector[c * 1024:(c + 1) * 1024].numpy(), color=colour, linewidth=0.5)
ax.set_xlabel("position in the vector (red pixels, then green, then blue; each row by row)")
ax.set_ylabel("standardised value")
ax.set_title(f"A '{train_set.class_names[int(labels[0])]}' as 3,072 numbers")
plt.show()

# %% [markdown]
# ## 2. How many numbers does each model learn?
#
# A **linear classifier** computes one score per class from the pixel vector $x$:
#
# $$s = W x + b, \qquad x \in \mathbb{R}^{3072},\; s \in \mathbb{R}^{10}.$$
#
# The predicted class is the one with the largest score. `nn.Linear(in_features,
# out_features)` stores $W$ with one **row per output**, so its `weight` has shape
# `(out_features, in_features)`.
#
# An **MLP** puts hidden layers with a nonlinearity in between. With hidden sizes
# $(512, 256)$ it is
#
# $$x \in \mathbb{R}^{3072} \xrightarrow{\text{Linear}} \mathbb{R}^{512} \xrightarrow{\text{ReLU}}
#   \xrightarrow{\text{Linear}} \mathbb{R}^{256} \xrightarrow{\text{ReLU}}
#   \xrightarrow{\text{Linear}} \mathbb{R}^{10},$$
#
# and every `Linear` has a weight matrix and a bias vector.
#
# ### Question 2.1 (autograded)
#
# Work these out by hand (the code comes later and will check you):
#
# * `linear_weight_shape`: the shape of the linear classifier's weight, as a tuple;
# * `linear_bias_shape`: the shape of its bias, as a tuple;
# * `linear_num_params`: its total number of learnable numbers (an int);
# * `mlp_num_params`: the same for the MLP with hidden sizes (512, 256) (an int).

# %% solution id=parameter_counts
### BEGIN SOLUTION
linear_weight_shape = (10, 3072)
linear_bias_shape = (10,)
linear_num_params = 3072 * 10 + 10
mlp_num_params = (3072 * 512 + 512) + (512 * 256 + 256) + (256 * 10 + 10)
### END SOLUTION

# %% test id=test_parameter_shapes points=1
for _name, _value in (("linear_weight_shape", linear_weight_shape), ("linear_bias_shape", linear_bias_shape)):
    checks.check(type(_value) in (tuple, list, torch.Size), f"{_name} should be a tuple such as (2, 3).")
checks.passed("The shapes have the right form; their values are checked when grading.")

# %% test id=test_parameter_counts points=2
for _name, _value in (("linear_num_params", linear_num_params), ("mlp_num_params", mlp_num_params)):
    checks.check(type(_value) is int, f"{_name} should be a whole number (an int).")
checks.passed("The counts are whole numbers; their values are checked when grading.")

# %% [markdown]
# ## 3. The two models as `nn.Module`s
#
# A PyTorch model is a class derived from `nn.Module`: `__init__` creates the layers and
# assigns them to attributes (which registers their parameters with the model), and
# `forward` says how an input flows through them. Calling `model(x)` runs `forward`.
#
# ### Exercise 3.1: `LinearClassifier`
#
# `LinearClassifier(input_size=3072, num_classes=10)` holds one `nn.Linear(input_size,
# num_classes)` as the attribute `fc`. Its `forward(x)` accepts a batch of any shape
# `(N, ...)`, flattens each example into a vector of `input_size` numbers, and returns the
# **raw scores** of shape `(N, num_classes)`: no softmax, no argmax (section 4 says why).
# It must work for any batch size `N`, including 1, and for any `input_size`.

# %% solution id=linear_classifier
class LinearClassifier(nn.Module):
    """Scores s = W x + b of a flattened input."""

    def __init__(self, input_size=3072, num_classes=10):
        super().__init__()
        ### BEGIN SOLUTION
        self.fc = nn.Linear(input_size, num_classes)
        ### END SOLUTION

    def forward(self, x):
        ### BEGIN SOLUTION
        return self.fc(x.reshape(x.shape[0], -1))
        ### END SOLUTION

# %% test id=test_linear_classifier points=2
_model = LinearClassifier()
checks.check(isinstance(getattr(_model, "fc", None), nn.Linear),
             "LinearClassifier needs its nn.Linear as the attribute `fc`.")
checks.check_close("(fc.in_features, fc.out_features)", [_model.fc.in_features, _model.fc.out_features],
                   [3072, 10], rtol=0)
try:
    _scores = _model(images[:4])
except Exception as _e:
    checks.fail(f"LinearClassifier failed on a batch of 4 images of shape (4, 3, 32, 32): {type(_e).__name__}: {_e}. "
                f"Flatten each image, keeping the batch dimension: x.reshape(x.shape[0], -1).")
checks.check(checks.shape_of(_scores) == (4, 10),
             f"a batch of 4 images should give scores of shape (4, 10), got {checks.shape_of(_scores)}.")
checks.passed("LinearClassifier turns a batch of 4 images into 4 x 10 scores.")

# %% [markdown]
# ### Why the MLP needs its ReLU
#
# Why put a nonlinearity between the layers at all? Two `nn.Linear` layers in a row compute
# $W_2 (W_1 x + b_1) + b_2 = (W_2 W_1) x + (W_2 b_1 + b_2)$: one linear map, with weight
# $W = W_2 W_1$ and bias $b = W_2 b_1 + b_2$. However many you stack, a stack of linear layers
# is still a linear classifier. Check it on a few images:

# %%
torch.manual_seed(0)
layer1, layer2 = nn.Linear(3072, 512), nn.Linear(512, 10)
pixels = images[:8].reshape(8, -1)
with torch.no_grad():
    merged_weight = layer2.weight @ layer1.weight              # (10, 512) @ (512, 3072) = (10, 3072)
    merged_bias = layer2.weight @ layer1.bias + layer2.bias
    two_layers = layer2(layer1(pixels))
    one_layer = pixels @ merged_weight.T + merged_bias
    with_relu = layer2(torch.relu(layer1(pixels)))
stacked_vs_merged = (two_layers - one_layer).abs().max().item()
relu_vs_merged = (with_relu - one_layer).abs().max().item()
print(f"two stacked Linear layers vs one Linear with W = W2 W1, b = W2 b1 + b2: "
      f"largest difference {stacked_vs_merged:.1e} (rounding)")
print(f"with a ReLU between the two layers:                                 "
      f"largest difference {relu_vs_merged:.2f}")

# %% [markdown]
# The two agree up to float32 rounding. With a ReLU in between no single weight matrix
# reproduces the scores, because the ReLU zeroes each hidden unit that is negative, and which
# units those are differs from image to image. The nonlinearity is what lets an MLP compute
# more than a linear classifier can.
#
# ### Exercise 3.2: `MLPClassifier`
#
# `MLPClassifier(input_size=3072, hidden_sizes=(512, 256), num_classes=10)` holds one
# `nn.Sequential` as the attribute `network`: for each hidden size an `nn.Linear` followed by
# an `nn.ReLU()`, then the output `nn.Linear` with `num_classes` outputs (and no activation
# after it: raw scores again). Each `Linear` takes as many inputs as the previous layer has
# outputs. `hidden_sizes` may have any length (a tuple or a list); `hidden_sizes=()` makes
# the model a linear classifier. `forward` flattens like `LinearClassifier` and passes the
# vectors through `network`.
#
# Build the list of layers in a loop and unpack it: `nn.Sequential(*layers)`. (Why not keep
# the Python list itself as an attribute? Try it and look at `list(model.parameters())`.)

# %% solution id=mlp_classifier
class MLPClassifier(nn.Module):
    """Linear + ReLU per hidden size, then an output Linear, applied to the flattened input."""

    def __init__(self, input_size=3072, hidden_sizes=(512, 256), num_classes=10):
        super().__init__()
        ### BEGIN SOLUTION
        layers = []
        previous = input_size
        for size in hidden_sizes:
            layers.append(nn.Linear(previous, size))
            layers.append(nn.ReLU())
            previous = size
        layers.append(nn.Linear(previous, num_classes))
        self.network = nn.Sequential(*layers)
        ### END SOLUTION

    def forward(self, x):
        ### BEGIN SOLUTION
        return self.network(x.reshape(x.shape[0], -1))
        ### END SOLUTION

# %% test id=test_mlp_classifier points=3
_model = MLPClassifier()
print(_model)
checks.check(isinstance(getattr(_model, "network", None), nn.Sequential),
             "MLPClassifier needs an nn.Sequential as the attribute `network`.")
_kinds = [type(layer).__name__ for layer in _model.network]
checks.check(_kinds == ["Linear", "ReLU", "Linear", "ReLU", "Linear"],
             f"with hidden sizes (512, 256), `network` should be Linear, ReLU, Linear, ReLU, Linear; got {', '.join(_kinds)}.")
try:
    _scores = _model(images[:4])
except Exception as _e:
    checks.fail(f"MLPClassifier failed on a batch of 4 images of shape (4, 3, 32, 32): {type(_e).__name__}: {_e}. "
                f"Each Linear takes as many inputs as the previous layer has outputs, and forward flattens "
                f"each image first.")
checks.check(checks.shape_of(_scores) == (4, 10),
             f"a batch of 4 images should give scores of shape (4, 10), got {checks.shape_of(_scores)}.")
checks.passed("MLPClassifier has the right layers and gives 4 x 10 scores for 4 images.")

# %% [markdown]
# ### Exercise 3.3: `count_parameters`
#
# `count_parameters(model)` returns the number of **trainable** parameter elements of any
# model, as an `int`: the sum of `p.numel()` over the parameters that have
# `requires_grad=True` (a frozen parameter, one with `requires_grad=False`, is not trained
# and does not count). Buffers such as a batch-norm layer's running mean are not parameters.

# %% solution id=count_parameters
def count_parameters(model):
    """Number of trainable parameter elements of ``model``."""
    ### BEGIN SOLUTION
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
    ### END SOLUTION

# %% test id=test_count_parameters points=2
checks.check_close("count_parameters(nn.Linear(3, 2))", count_parameters(nn.Linear(3, 2)), 8, rtol=0, likely={
    "that is the number of parameter tensors (weight and bias), not of their elements: use p.numel().": 2,
    "only the weights were counted; the 2 biases are parameters too.": 6,
})
print(f"LinearClassifier: {count_parameters(LinearClassifier()):,} parameters")
print(f"MLPClassifier:    {count_parameters(MLPClassifier()):,} parameters")
checks.passed("count_parameters counts nn.Linear(3, 2) right (6 weights + 2 biases).")

# %% [markdown]
# Do the counts agree with your answers to Question 2.1? Drag the sliders to see how the
# count grows with the hidden sizes (0 means "no such layer"). Nearly all of the MLP's
# parameters sit in its first layer: 3,072 inputs times the width.

# %%
def describe_mlp(width1=512, width2=256):
    hidden = tuple(w for w in (width1, width2) if w > 0)
    model = MLPClassifier(hidden_sizes=hidden)
    total = count_parameters(model)
    print(f"hidden sizes {hidden}: {total:,} parameters "
          f"({total / count_parameters(LinearClassifier()):.0f}x the linear classifier; "
          f"{total * 4 / 1e6:.1f} MB as float32)")
    for name, p in model.named_parameters():
        print(f"  {name:18s} {str(tuple(p.shape)):14s} {p.numel():>10,}")

if GRADING:
    describe_mlp()
else:
    from ipywidgets import interact, IntSlider
    interact(describe_mlp, width1=IntSlider(512, 0, 2048, 64, continuous_update=False),
             width2=IntSlider(256, 0, 1024, 32, continuous_update=False));

# %% [markdown]
# ## 4. Scores, softmax and cross-entropy
#
# The models return raw scores (also called *logits*). Softmax turns scores into class
# probabilities, $p_k = e^{s_k} / \sum_j e^{s_j}$, and the cross-entropy of an example with
# true class $y$ is $-\log p_y$. `nn.CrossEntropyLoss` does **both steps itself**, in one
# numerically careful computation: you give it raw scores and integer class labels.
#
# A common mistake (it appears in more than one tutorial) is to apply softmax first and
# hand the probabilities to `nn.CrossEntropyLoss`. That computes softmax *twice*. Nothing
# crashes, but the loss is squashed: probabilities lie between 0 and 1, so their softmax can
# never be confident, the loss can never approach 0, and the gradients shrink.

# %%
loss_fn = nn.CrossEntropyLoss()
target = torch.tensor([3])
for scale in (1, 5, 20):
    scores = torch.zeros(1, 10)
    scores[0, 3] = scale                      # more and more confident in the right class
    print(f"score of the true class {scale:>2}:  CE(scores) = {loss_fn(scores, target):.4f}   "
          f"CE(softmax(scores)) = {loss_fn(torch.softmax(scores, dim=1), target):.4f}")

# %% [markdown]
# ### Question 4.1 (autograded)
#
# Someone passes softmax outputs to `nn.CrossEntropyLoss` on a 10-class problem. What is
# the **smallest** loss they can ever get on one example, even when the model is certain and
# right (its probability vector puts 1 on the true class and 0 elsewhere)? Set
# `ce_floor_on_probabilities` to that number (a float, 3 decimals or better). You may compute
# it with PyTorch, or by hand from $-\log p_y$ with $p$ the softmax of the probability vector.

# %% solution id=ce_floor
### BEGIN SOLUTION
ce_floor_on_probabilities = float(nn.CrossEntropyLoss()(torch.eye(10)[:1], torch.tensor([0])))
### END SOLUTION

# %% test id=test_ce_floor points=1
checks.check(type(ce_floor_on_probabilities) in (float, int), "ce_floor_on_probabilities should be a number.")
checks.passed("ce_floor_on_probabilities is a number; its value is checked when your work is graded.")

# %% [markdown]
# ## 5. Training and evaluation loops
#
# ### Exercise 5.1: `train_model`
#
# `train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu")` trains for
# `num_epochs` epochs and returns a dict `{"train_loss": [...], "train_acc": [...]}` with one
# value per epoch. In each epoch:
#
# 1. call `model.train()` (something may have switched the model to eval mode since the last
#    epoch, e.g. an evaluation);
# 2. for each batch `(images, labels)` of the loader: move both to `device`, zero the
#    gradients, compute the scores `model(images)` and the loss `loss_fn(scores, labels)`,
#    backpropagate, and step the optimizer;
# 3. record the epoch's **mean of the per-batch losses** (use `loss.item()`, a float) and its
#    **accuracy**: the fraction (between 0 and 1) of the epoch's training examples whose
#    highest score, in the forward pass you just used for the loss, was the true class. Do not
#    run an extra forward pass for it, and count examples, not batches: the last batch is
#    often smaller.
#
# The model, loader, loss and optimizer are passed in; don't create your own. (Iterating
# over the loader itself gives `(images, labels)` pairs; iterating over `enumerate(loader)`
# would give `(index, batch)` pairs instead.)

# %% solution id=train_model
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    """Train for num_epochs; returns {"train_loss": [...], "train_acc": [...]} (one value per epoch)."""
    ### BEGIN SOLUTION
    history = {"train_loss": [], "train_acc": []}
    for _ in range(num_epochs):
        model.train()
        total_loss, num_batches, num_correct, num_seen = 0.0, 0, 0, 0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            scores = model(images)
            loss = loss_fn(scores, labels)
            loss.backward()
            optimizer.step()
            total_loss += loss.item()
            num_batches += 1
            num_correct += (scores.argmax(dim=1) == labels).sum().item()
            num_seen += labels.shape[0]
        history["train_loss"].append(total_loss / num_batches)
        history["train_acc"].append(num_correct / num_seen)
    return history
    ### END SOLUTION

# %% test id=test_train_model points=3
# Two well-separated blobs in 2-D; 20 points in batches of 8, 8 and 4.
_gen = torch.Generator().manual_seed(0)
_x = torch.cat([torch.randn(10, 2, generator=_gen) + 3, torch.randn(10, 2, generator=_gen) - 3])
_y = torch.cat([torch.zeros(10, dtype=torch.long), torch.ones(10, dtype=torch.long)])
_loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(_x, _y), batch_size=8, shuffle=True,
                                      generator=torch.Generator().manual_seed(0))
# Gradients must not pile up (section 7 of assignment 1): two identical batches and a learning
# rate of 0, so the weights never move and each step must see the same gradient.
_log = probes.EventLog()
_spy_model = nn.Linear(2, 2)
train_model(_spy_model, probes.ScriptedLoader([(_x[:4], _y[:4])] * 2), nn.CrossEntropyLoss(),
            probes.SpySGD(_spy_model.parameters(), _log, lr=0.0), 1)
_steps = [details["grads"] for details in _log.of("step")]
checks.check(len(_steps) == 2, f"train_model should take one optimizer step per batch (2 here), took {len(_steps)}.")
checks.check(all(g is not None for grads in _steps for g in grads),
             "no gradient when the optimizer's step() ran: zero_grad() belongs before backward(), not between it and step().")
_first, _second = (checks.to_floats(torch.cat([g.flatten() for g in grads])) for grads in _steps)
checks.check(any(v != 0 for v in _first),
             "the gradient was zero when the optimizer's step() ran: zero_grad() belongs before backward(), not between it and step().")
checks.check_close("the gradient at the second of two identical batches", _second, _first, rtol=1e-5, atol=1e-7, likely={
    "gradients pile up from batch to batch: zero them (the optimizer's zero_grad()) before each backward().": [2 * v for v in _first],
})
_model = nn.Linear(2, 2)
_history = train_model(_model, _loader, nn.CrossEntropyLoss(), torch.optim.SGD(_model.parameters(), lr=0.1), 5)
checks.check(type(_history) is dict and set(_history) >= {"train_loss", "train_acc"},
             "train_model should return a dict with the keys 'train_loss' and 'train_acc'.")
checks.check(len(_history["train_loss"]) == 5 and len(_history["train_acc"]) == 5,
             "train_model should record one loss and one accuracy per epoch (5 epochs here).")
_acc = checks.to_floats(_history["train_acc"], "train_acc")
checks.check(all(0.0 <= a <= 1.0 for a in _acc), f"accuracies are fractions between 0 and 1, got {checks.fmt(_acc)}.")
_losses = checks.to_floats(_history["train_loss"], "train_loss")
checks.check(_losses[-1] < _losses[0], f"the loss should fall on this easy problem, got {checks.fmt(_losses)}.")
checks.check(_acc[-1] > 0.9, f"the final accuracy on two separated blobs should be above 0.9, got {_acc[-1]:.3f}.")
checks.passed(f"train_model separates two blobs: loss {_losses[0]:.3f} -> {_losses[-1]:.3f}, accuracy {_acc[-1]:.2f}; "
              "its gradients do not pile up.")

# %% test id=test_train_model_loop points=3
checks.graded_later("A run with batch norm and SGD must leave a correct loop's weights and statistics (train mode each epoch, zero_grad, raw scores, batches moved to `device`).")

# %% [markdown]
# ### Exercise 5.2: `evaluate_model`
#
# `evaluate_model(model, loader, device="cpu")` returns the accuracy of `model` over all the
# examples of `loader`: a float between 0 and 1. It switches the model to eval mode
# (`model.eval()`; layers such as dropout behave differently while training) and computes
# under `torch.no_grad()` (no graph is needed, which saves memory and time). It moves each
# batch to `device`, never changes the weights, and counts examples, not batches.

# %% solution id=evaluate_model
def evaluate_model(model, loader, device="cpu"):
    """Fraction of the loader's examples that ``model`` classifies correctly (eval mode, no_grad)."""
    ### BEGIN SOLUTION
    model.eval()
    num_correct, num_seen = 0, 0
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            scores = model(images)
            num_correct += (scores.argmax(dim=1) == labels).sum().item()
            num_seen += labels.shape[0]
    return num_correct / num_seen
    ### END SOLUTION

# %% test id=test_evaluate_model points=2
# A "model" that scores class k by the k-th coordinate: it predicts the largest coordinate.
_model = nn.Linear(2, 2, bias=False)
with torch.no_grad():
    _model.weight.copy_(torch.eye(2))
_x = torch.tensor([[2.0, 1.0], [0.0, 3.0], [5.0, -1.0], [1.0, 4.0]])
_y = torch.tensor([0, 1, 1, 1])          # the third one is predicted as class 0: 3 of 4 right
_loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(_x, _y), batch_size=3)
checks.check_close("evaluate_model on 4 points (3 right)", evaluate_model(_model, _loader), 0.75, likely={
    "that is the number of correct examples; divide by the number of examples.": 3,
    "a percentage; return a fraction between 0 and 1.": 75.0,
    "the mean of the two batches' accuracies (2/3 and 1/1) weights them equally; count examples.": (2 / 3 + 1) / 2,
})
checks.passed("evaluate_model gives 0.75 when 3 of 4 points are right.")

# %% test id=test_evaluate_model_modes points=2
checks.graded_later("Eval mode, no_grad, weights and batch-norm statistics untouched, batches moved to `device`.")

# %% [markdown]
# ## 6. Training both models on 2,000 images
#
# The settings are the lecture's: mini-batches of 128 shuffled images, plain SGD, learning
# rate 0.01 for the linear classifier and 0.1 for the MLP, 50 epochs each. The curves show
# what `train_model` reports as it goes. (The helper `cx.train_with_curves` calls **your**
# `train_model` one epoch at a time, so it can draw after each epoch, and your
# `evaluate_model` on the validation images after each epoch. It records the validation
# accuracy for later but does not show it yet: first look only at what the training data
# says.)

# %%
EPOCHS = 3 if GRADING else 50
# device=device copies the images to the GPU once (when there is one), not batch by batch.
train_loader = batch_loader(train_set, batch_size=128, shuffle=True, seed=0, device=device)
val_loader = batch_loader(val_set, batch_size=500, shuffle=False, device=device)
only_training = {"loss": ["train_loss"], "accuracy": ["train_acc"]}

start = time.perf_counter()
torch.manual_seed(0)
linear_model = LinearClassifier().to(device)
linear_history = cx.train_with_curves(
    linear_model, train_model, evaluate_model, train_loader, nn.CrossEntropyLoss(),
    torch.optim.SGD(linear_model.parameters(), lr=0.01), EPOCHS,
    val_loader=val_loader, device=device, title="Linear classifier", panels=only_training)
linear_seconds = time.perf_counter() - start
print(f"linear classifier: final training loss {linear_history['train_loss'][-1]:.3f}, "
      f"training accuracy {linear_history['train_acc'][-1]:.1%}   ({linear_seconds:.0f} s)")

# %%
start = time.perf_counter()
torch.manual_seed(0)
mlp_model = MLPClassifier().to(device)
mlp_history = cx.train_with_curves(
    mlp_model, train_model, evaluate_model, train_loader, nn.CrossEntropyLoss(),
    torch.optim.SGD(mlp_model.parameters(), lr=0.1), EPOCHS,
    val_loader=val_loader, device=device, title="MLP (512, 256)", panels=only_training)
mlp_seconds = time.perf_counter() - start
print(f"MLP: final training loss {mlp_history['train_loss'][-1]:.3f}, "
      f"training accuracy {mlp_history['train_acc'][-1]:.1%}   ({mlp_seconds:.0f} s)")

# %% [markdown]
# Compare the two final training accuracies and losses printed above: the MLP fits its
# training images far better than the linear classifier does. Case closed?
#
# **Before you run the next cell, write down your guess:** what fraction of the 2,000 test
# images, which neither model has seen, will each model classify correctly?

# %%
accuracy = {}
for name, model in (("linear classifier", linear_model), ("MLP", mlp_model)):
    accuracy[name] = {
        "training": evaluate_model(model, batch_loader(train_set, 500, shuffle=False, device=device), device),
        "test": evaluate_model(model, batch_loader(test_set, 500, shuffle=False, device=device), device),
    }
    print(f"{name:18s} training images: {accuracy[name]['training']:6.1%}   "
          f"test images: {accuracy[name]['test']:6.1%}   gap: {accuracy[name]['training'] - accuracy[name]['test']:+.1%}")
print("chance level (guessing one of 10 classes): 10.0%")
linear_gap = accuracy["linear classifier"]["training"] - accuracy["linear classifier"]["test"]
mlp_gap = accuracy["MLP"]["training"] - accuracy["MLP"]["test"]
if linear_gap > 0.15:
    print(f"The linear classifier has a gap too ({linear_gap:.0%}): with 3,072 inputs and only 2,000 images, even "
          f"ten hyperplanes can fit many training images one by one. The MLP's gap is "
          f"{'larger' if mlp_gap > linear_gap else 'not larger'} ({mlp_gap:.0%}).")
else:
    print(f"The linear classifier's gap is small ({linear_gap:.0%}); the MLP's is {mlp_gap:.0%}.")

# %% [markdown]
# This was the test set's one appearance: its accuracies are the numbers to report, and no
# decision of this notebook is made on them. (Everything below looks at the validation
# images instead.)
#
# The MLP did not learn what makes an image belong to its class nearly as well as its
# training accuracy suggested. With 1.7 million parameters and only 2,000 images it can
# **memorise** the training set: fit each image, including the accidents of its background,
# pose and noise that say nothing about its class. The training accuracy measures how well a
# model fits the data it was fitted to; only data it has never seen measures how well it
# *generalises*. The difference between the two is the **generalization gap**.
#
# Here is the validation accuracy that was recorded after each epoch, next to the training
# accuracy. The validation images are as unseen as the test images, so the gap between the
# curves is the generalization gap as training went on. The lines below the figure say where
# each model's validation accuracy peaked.

# %%
cx.plot_gap({"linear classifier": linear_history, "MLP (512, 256)": mlp_history}, test_key="val_acc")
plt.show()
for name, history in (("linear classifier", linear_history), ("MLP", mlp_history)):
    peak = max(range(len(history["val_acc"])), key=lambda e: history["val_acc"][e])
    print(f"{name}: validation accuracy highest after epoch {peak + 1} of {len(history['val_acc'])} "
          f"({history['val_acc'][peak]:.1%}; training accuracy then {history['train_acc'][peak]:.1%}, training loss "
          f"{history['train_loss'][peak]:.3f}); after the last epoch {history['val_acc'][-1]:.1%} "
          f"(training accuracy {history['train_acc'][-1]:.1%}, training loss {history['train_loss'][-1]:.3f})")

# %% [markdown]
# In both runs the validation accuracy peaked well before the last epoch (the lines above).
# What the later epochs bought was training accuracy, or, once that was (nearly) complete, an
# ever lower training loss, that is, ever more confident answers on the training images; not
# validation accuracy. From the peak on, the extra fitting was memorisation.
#
# ### What the linear classifier learned
#
# The linear classifier's score for class $k$ is the dot product of the image with row $k$ of
# $W$ (plus a bias): row $k$ is a **template** of 3,072 numbers, and an image scores high for
# class $k$ where it matches that template. Folded back into 32x32 colour images, the ten
# templates show what the classifier looks for (the brightest pixels are the largest weights,
# per template).

# %%
cx.show_templates(linear_model.fc.weight, train_set.class_names)
plt.show()
template_classes = cx.template_matches(linear_model.fc.weight, train_set)
own_class_templates = sum(found == c for c, found in enumerate(template_classes))
print(f"{own_class_templates} of the 10 templates correlate best with the average training image of their own class.")
if train_set.synthetic:
    print("On this synthetic data each class is a mixture of a few smooth colour patterns, shifted by up to six "
          "pixels and buried in noise: a template is a blurred blend of its class's patterns.")
else:
    print("On CIFAR-10 the templates tend to show their class's typical colours and layout, blurred (blue sky or "
          "water around airplanes and ships, for instance): one pattern for every pose and colour of the class.")

# %% [markdown]
# One template per class has to cover every image of that class, which is why a linear
# classifier cannot fit its training images the way the MLP does, and also why it cannot
# memorise them.
#
# ### Explorer: what the models say about single images
#
# Page through training and validation images and compare the two models' class
# probabilities (green: the true class; red: a wrong guess). Look at how *confident* the MLP
# is on training images, and how confident it still is on the validation images it gets
# wrong.

# %%
mlp_train_probs = cx.predict_proba(mlp_model, train_set.tensors[0])
mlp_val_probs = cx.predict_proba(mlp_model, val_set.tensors[0])
wrong = mlp_val_probs.argmax(1) != val_set.tensors[1]
mlp_confidence = {"training": mlp_train_probs.max(1).values.mean().item(),
                  "validation": mlp_val_probs.max(1).values.mean().item(),
                  "validation, wrong": mlp_val_probs[wrong].max(1).values.mean().item()}
print(f"MLP's average confidence (highest probability) on training images: {mlp_confidence['training']:.1%}")
print(f"                                           on validation images:   {mlp_confidence['validation']:.1%}")
print(f"                        on the validation images it gets wrong:   {mlp_confidence['validation, wrong']:.1%}")
mistakes = cx.Images(val_set.tensors[0][wrong], val_set.tensors[1][wrong], val_set.synthetic)

# %%
if not GRADING:
    cx.prediction_browser({"validation images": val_set, "validation images the MLP gets wrong": mistakes,
                           "training images": train_set},
                          {"linear": linear_model, "MLP": mlp_model})

# %% [markdown] locked id=written_gap_prompt
# ### Question 6.1 (written, 3 points)
#
# Your MLP classified its 2,000 training images far better than the test images (section 6
# printed both accuracies). (a) Explain in your own words why training accuracy is not
# evidence that the model works, and what the gap between the two accuracies tells you.
# (b) Use the parameter counts from Question 2.1 to explain why the MLP can fit its training
# images better, and open a larger gap, than the linear classifier on this data. (c) Propose
# two concrete changes that should narrow the gap, and say why each helps.

# %% [markdown] manual id=written_gap points=3
# ### BEGIN SOLUTION
# *Rubric (3 points):* 1 point for (a): the training images are what the model was fitted
# to, so high accuracy there can come from memorising them; only unseen (test) images
# measure generalisation, and a large gap signals overfitting. 1 point for (b): 1.7 million
# parameters against 2,000 examples (1,707,274 / 2,000: about 850 parameters per image, vs
# about 15 for the linear model) give the MLP enough capacity to fit every image, noise included. 1 point for
# (c): two valid changes with a reason each, e.g. more training data (or data augmentation),
# a smaller model, regularisation (dropout, weight decay), early stopping on a validation
# set, or an architecture that builds in what images share (convolutions).
#
# (a) The training images are the ones the weights were fitted to, so a model can score
# 100% on them simply by memorising each image, including its background and noise. That
# says nothing about new images; only held-out test images measure how well the model
# generalises. A large gap (the MLP's training accuracy near 100%, its test accuracy far
# below, as printed in section 6) means the model fits details of its training set that do
# not carry over: it overfits.
# (b) The MLP has 1,707,274 parameters for 2,000 images, roughly 850 per image; the linear
# classifier has 30,730 (about 15 per image) and can only draw ten hyperplanes in pixel space.
# With so much capacity relative to the data, the MLP can fit every training image
# individually, so its training accuracy approaches 100% while its test accuracy stalls.
# (The linear classifier opens a gap too: with 3,072 inputs for 2,000 images, ten
# hyperplanes can fit many of them one by one, but not all.)
# (c) Train on more images (or augment them with flips and crops), which makes memorising
# harder than learning the pattern; add regularisation such as dropout or weight decay,
# which penalise relying on individual units or large weights; stop early using a
# validation set; or use a smaller network / a convolutional network that shares weights
# across positions.
# ### END SOLUTION

# %% [markdown]
# ## Summary
#
# * A linear classifier or MLP sees an image as one long vector (3,072 numbers for CIFAR-10);
#   `nn.Linear(in, out)` has `out x in` weights and `out` biases.
# * Models return raw scores; `nn.CrossEntropyLoss` applies the softmax itself.
# * A training epoch: `model.train()`, then per batch zero_grad, forward, loss, backward,
#   step; evaluation: `model.eval()` under `torch.no_grad()`. Count examples, not batches.
# * Two linear layers without an activation between them are one linear layer; the ReLU is
#   what makes an MLP more than a linear classifier.
# * Training accuracy measures fit; accuracy on unseen images measures generalisation. Watch
#   and decide on a validation set, and look at the test set once, at the end. An MLP with
#   1.7 million parameters memorises 2,000 images: it gets nearly all of them right and far
#   fewer new ones. The next assignments are about closing that gap.
