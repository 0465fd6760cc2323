"""Runs in the grading worker, beside the student's code (``tools.worker.serve``): builds the
models and tensors of 07_weight_decay's hidden tests from plain data, calls the student's code
and reports by value what came out. Decides nothing, knows no answer."""
import torch
from torch import nn


class Spare(nn.Module):
    """Passes its input through. Its parameter takes no part in the forward pass, so the data
    loss never reaches it: only a penalty in the loss gives it a gradient."""

    def __init__(self, size):
        super().__init__()
        self.unused = nn.Parameter(torch.zeros(size))

    def forward(self, x):
        return x


LAYERS = {"Linear": nn.Linear, "Tanh": nn.Tanh, "ReLU": nn.ReLU, "BatchNorm1d": nn.BatchNorm1d, "Spare": Spare}


def build_model(layers, dtype, state=None):
    """``nn.Sequential`` of ``layers`` (``[name, *sizes]`` each) in the dtype named ``dtype``,
    holding ``state`` (a state dict) when one is given."""
    model = nn.Sequential(*(LAYERS[name](*sizes) for name, *sizes in layers)).to(getattr(torch, dtype))
    if state is not None:
        model.load_state_dict(state)
    return model


def penalty(ns, layers, dtype, state, lam):
    """``l2_penalty`` of the model: what it returned, and the gradient of that with respect to
    each parameter (None where none reaches it; ``grads`` is None when the result is not a
    tensor that autograd can differentiate)."""
    model = build_model(layers, dtype, state)
    got = ns["l2_penalty"](model, lam)
    grads = None
    if isinstance(got, torch.Tensor) and got.requires_grad:
        grads = list(torch.autograd.grad(got.sum(), list(model.parameters()), allow_unused=True))
    return {"value": got, "grads": grads}


def sgd_step(ns, values, grads, lr, lam):
    """``sgd_step_l2`` on leaf tensors holding ``values`` and ``grads`` (None: no gradient),
    handed over as a generator: their values afterwards, and whether each is still a leaf that
    requires grad."""
    leaves = [v.clone().requires_grad_() for v in values]
    for p, g in zip(leaves, grads):
        p.grad = None if g is None else g.clone()
    ns["sgd_step_l2"]((p for p in leaves), lr, lam)
    return {"after": [p.detach().clone() for p in leaves], "leaves": [p.is_leaf and p.requires_grad for p in leaves]}


def sgd_step_on_model(ns, layers, dtype, state, grads, lr, lam):
    """``sgd_step_l2(model.parameters(), lr, lam)`` on a model holding ``state``, with these
    gradients: its parameters afterwards."""
    model = build_model(layers, dtype, state)
    for p, g in zip(model.parameters(), grads):
        p.grad = g.clone()
    ns["sgd_step_l2"](model.parameters(), lr, lam)
    return [p.detach().clone() for p in model.parameters()]


def train(ns, layers, dtype, state, batches, lr, lam, epochs):
    """``train_l2`` on a model holding ``state``, the same ``batches`` every epoch and an MSE
    loss: what it returned, the parameters afterwards and how often the loss was called."""
    from course.probes import ScriptedLoader
    model = build_model(layers, dtype, state)
    calls = []

    def mse(prediction, target):
        calls.append(len(target))
        return ((prediction - target) ** 2).mean()

    returned = ns["train_l2"](model, mse, ScriptedLoader(batches), lr, lam, epochs)
    return {"returned": returned, "parameters": [p.detach().clone() for p in model.parameters()],
            "loss_calls": len(calls)}
