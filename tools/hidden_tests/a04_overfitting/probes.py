"""Runs in the grading worker beside the student's code (``tools.worker.serve``): builds models,
loaders, optimizers and losses from plain data, calls the student's function, and returns what
came out, by value. Decides nothing, knows no answer.

The hidden tests also run ``fit_run`` in their own process with the reference ``fit`` in the
student's place, so both sides start from the same fixtures: the expected trajectory is
recomputed there, never read from here.
"""
import random

import numpy as np
import torch
from torch import nn
from torch.utils.data import TensorDataset

# What the test loss reads more while autograd records (it moves no gradient).
GRAD_OFFSET = 100.0


# --- split_indices -------------------------------------------------------------------------

def seed_globals(global_seed):
    torch.manual_seed(global_seed)
    np.random.seed(global_seed)
    random.seed(global_seed)


def split_under_global_seeds(ns, args, seeds):
    """``split_indices(*args)`` once after seeding the global generators with each of ``seeds``."""
    splits = []
    for seed in seeds:
        seed_globals(seed)
        splits.append(ns["split_indices"](*args))
    return splits


def global_draws_after(ns, calls):
    """The global generators seeded with 20, ``split_indices(*args)`` for each of ``calls``, then
    four draws from each generator (the draws with no calls in between are the baseline), and
    the splits. A record of this process, which no effect outside it could confirm."""
    seed_globals(20)
    splits = [ns["split_indices"](*args) for args in calls]
    return {"torch": torch.rand(4, dtype=torch.float64), "numpy": np.random.random_sample(4),
            "random": [random.random() for _ in range(4)], "splits": splits}


# --- make_mlp ------------------------------------------------------------------------------

def built_network(ns, args, activation, x):
    """``make_mlp(*args)`` (with ``activation``: None for the default, "Tanh", "ReLU" or
    "MyActivation", a sine that counts its instances), described by ``describe_network``."""
    made = []

    class MyActivation(nn.Module):
        def __init__(self):
            super().__init__()
            made.append(1)

        def forward(self, z):
            return torch.sin(z)

    classes = {"Tanh": nn.Tanh, "ReLU": nn.ReLU, "MyActivation": MyActivation}
    net = ns["make_mlp"](*args) if activation is None else ns["make_mlp"](*args, activation=classes[activation])
    return describe_network(net, x, len(made))


def describe_network(net, x, activations_made):
    """The network as plain data: its type, its layers (a Linear's sizes and parameters; any
    other layer's class name and which distinct object it is), and its output on ``x``."""
    layers, objects = [], {}
    for module in (net if isinstance(net, nn.Sequential) else []):
        if isinstance(module, nn.Linear):
            layers.append({"kind": "Linear", "in": module.in_features, "out": module.out_features,
                           "weight": module.weight.detach().clone(),
                           "bias": None if module.bias is None else module.bias.detach().clone()})
        else:
            layers.append({"kind": type(module).__name__, "object": objects.setdefault(id(module), len(objects))})
    try:
        with torch.no_grad():
            output = net(x)
    except Exception as error:
        output = f"{type(error).__name__}: {error}"[:300]
    return {"type": type(net).__name__, "sequential": isinstance(net, nn.Sequential), "layers": layers,
            "activations_made": activations_made, "output": output}


# --- fit -----------------------------------------------------------------------------------

class FixedMaskDropout(nn.Module):
    """Dropout without random numbers: in training mode each unit is multiplied by its entry of
    ``mask`` (0 drops it, 2 doubles it), in eval mode it passes unchanged. The mode a forward
    pass ran in shows in its values."""

    def __init__(self, mask):
        super().__init__()
        self.register_buffer("mask", mask)

    def forward(self, x):
        return x * self.mask if self.training else x


def row_sum_squared_error(prediction, target):
    """The squared errors summed over each row, averaged over the rows, plus ``GRAD_OFFSET`` while
    autograd records. For the (n, 1) outputs and targets fit is given this is MSELoss; called on
    reshaped tensors, or in a validation that records gradients, its value changes."""
    loss = ((prediction - target) ** 2).sum(dim=-1).mean()
    return loss + GRAD_OFFSET if torch.is_grad_enabled() else loss


LOSSES = {"mse": nn.MSELoss(), "row_sum_squared_error": row_sum_squared_error}


def build_model(layers, weights):
    """An nn.Sequential of ("linear", in, out), ("tanh",) and ("dropout", mask) layers whose
    parameters are ``weights``, in their dtype."""
    makers = {"linear": nn.Linear, "tanh": nn.Tanh, "dropout": FixedMaskDropout}
    model = nn.Sequential(*[makers[kind](*args) for kind, *args in layers]).to(weights[0].dtype)
    with torch.no_grad():
        for parameter, weight in zip(model.parameters(), weights):
            parameter.copy_(weight)
    return model


class EpochLoader:
    """Serves ``epochs[k % len(epochs)]`` on its k-th pass, as a loader that shuffles or augments
    serves other batches every epoch: a loop that goes through it more than once an epoch
    trains or validates on other batches. Copies, so a loop cannot alter the script."""

    def __init__(self, epochs):
        self.epochs = [[(x.clone(), y.clone()) for x, y in batches] for batches in epochs]
        self.passes = 0
        first = self.epochs[0]
        self.dataset = TensorDataset(torch.cat([x for x, _ in first]), torch.cat([y for _, y in first]))
        self.batch_size = len(first[0][0])

    def __iter__(self):
        batches = self.epochs[self.passes % len(self.epochs)]
        self.passes += 1
        return iter([(x.clone(), y.clone()) for x, y in batches])

    def __len__(self):
        return len(self.epochs[0])


def fit_run(ns, spec):
    """``fit`` on the model, SGD, loss and loaders ``spec`` describes: the history it returned,
    the parameters after it, and the model's output on ``spec["x_after"]`` (if any) right after
    it returned, in the mode fit left it in."""
    model = build_model(spec["layers"], spec["weights"])
    optimizer = torch.optim.SGD(model.parameters(), lr=spec["lr"], momentum=spec["momentum"])
    history = ns["fit"](model, LOSSES[spec["loss"]], optimizer, EpochLoader(spec["train"]),
                        EpochLoader(spec["val"]), spec["num_epochs"])
    after = None
    if spec.get("x_after") is not None:
        with torch.no_grad():
            after = model(spec["x_after"])
    return {"history": history, "parameters": [p.detach().clone() for p in model.parameters()],
            "output_after": after}
