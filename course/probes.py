"""Probes and spies for testing training loops.

A training function receives its model, loader, loss and optimizer, so a test can hand in
instrumented ones and watch what the function does with them:

- ``ScriptedLoader``: fixed batches, the same every epoch; counts epochs.
- ``ProbeModel``: wraps a model; logs every forward pass (train/eval mode, grad mode, batch
  size) and every ``train()``/``eval()`` call, and remembers the output it returned last.
- ``SpyLoss``: wraps a loss function; logs each call and, given the ``ProbeModel``, whether
  the prediction it got is that model's output itself (not a copy, a slice or a reshape).
- ``SpySGD``: a real ``torch.optim.SGD`` that logs ``zero_grad`` and ``step`` with a copy of
  the gradients it stepped with.

All of them write to one ``EventLog`` so the order of events can be checked. Comparing a
student's parameter trajectory against a reference started from the same weights on the same
scripted batches is the strongest check; the log turns a mismatch into an explanation.
"""
import copy
import random
import weakref

import numpy as np
import torch
from torch import nn
from torch.utils.data import TensorDataset


class EventLog(list):
    """A list of (event, details) tuples, shared by the probes of one test."""

    def add(self, event, **details):
        self.append((event, details))

    def names(self):
        return [event for event, _ in self]

    def of(self, event):
        return [details for name, details in self if name == event]


class ScriptedLoader:
    """Yields the given (x, y) batches in order, every epoch the same (copies, so a training
    function cannot alter the script). ``epochs`` counts the iterations started."""

    def __init__(self, batches):
        self.batches = [(x.detach().clone(), y.detach().clone()) for x, y in batches]
        self.epochs = 0
        self.dataset = TensorDataset(torch.cat([x for x, _ in self.batches]),
                                     torch.cat([y for _, y in self.batches]))
        self.batch_size = len(self.batches[0][0]) if self.batches else 0

    def __iter__(self):
        self.epochs += 1
        return iter([(x.clone(), y.clone()) for x, y in self.batches])

    def __len__(self):
        return len(self.batches)


def make_batches(x, y, sizes):
    """Split tensors into consecutive batches of the given (possibly unequal) sizes."""
    out, start = [], 0
    for size in sizes:
        out.append((x[start:start + size], y[start:start + size]))
        start += size
    return out


class ProbeModel(nn.Module):
    """Wraps ``model`` (as ``self.inner``) and logs forward passes and mode switches."""

    def __init__(self, model, log):
        super().__init__()
        self.inner = model
        self.log = log

    def forward(self, x, *args, **kwargs):
        self.log.add("forward", training=self.training, grad_enabled=torch.is_grad_enabled(), n=len(x))
        output = self.inner(x, *args, **kwargs)
        # A weak reference: identity, not an address that a later tensor could reuse, and the
        # probe stays deep-copyable (a tensor with a graph is not).
        try:
            self._last_output = weakref.ref(output)
        except TypeError:
            self._last_output = None
        return output

    @property
    def last_output(self):
        """The object the last forward pass returned, if it is still alive."""
        ref = getattr(self, "_last_output", None)
        return None if ref is None else ref()

    def train(self, mode=True):
        # nn.Module.eval() calls train(False), and __init__ does not call train().
        if hasattr(self, "log"):
            self.log.add("train" if mode else "eval")
        return super().train(mode)


class SpyLoss:
    """Calls the real loss function and logs the call.

    With ``model`` (a ``ProbeModel``), each call also logs ``as_is``: the prediction is the
    very object the model returned last and the target has its shape. A loop that squeezes,
    slices or detaches the output, or broadcasts a target of another shape, logs False.
    """

    def __init__(self, loss_fn, log, model=None):
        self.loss_fn = loss_fn
        self.log = log
        self.model = model

    def __call__(self, prediction, target):
        details = {}
        if self.model is not None:
            output = self.model.last_output
            details["as_is"] = (output is not None and prediction is output
                                and tuple(target.shape) == tuple(output.shape))
        loss = self.loss_fn(prediction, target)
        self.log.add("loss", value=float(loss.detach()), requires_grad=loss.requires_grad,
                     n=len(target), grad_enabled=torch.is_grad_enabled(), **details)
        return loss


class SpySGD(torch.optim.SGD):
    """``torch.optim.SGD`` that logs ``zero_grad`` and ``step`` (with the gradients used)."""

    def __init__(self, params, log, **kwargs):
        super().__init__(params, **kwargs)
        self.log = log

    def zero_grad(self, set_to_none=True):
        self.log.add("zero_grad")
        super().zero_grad(set_to_none=set_to_none)

    def step(self, closure=None):
        grads = [None if p.grad is None else p.grad.detach().clone()
                 for group in self.param_groups for p in group["params"]]
        self.log.add("step", grads=grads)
        return super().step(closure)


def clone_model(model):
    """An independent copy with the same weights (for a reference run from the same start)."""
    return copy.deepcopy(model)


def parameters_of(model):
    """The model's parameters as detached float64 copies, in order."""
    return [p.detach().double().clone() for p in model.parameters()]


class RngState:
    """The global RNG states of torch, numpy and random, captured at construction."""

    def __init__(self):
        self.torch = torch.get_rng_state()
        self.numpy = np.random.get_state()
        self.python = random.getstate()

    def changed(self):
        """Names of the generators whose state differs from the captured one."""
        changed = []
        if not torch.equal(self.torch, torch.get_rng_state()):
            changed.append("torch")
        now = np.random.get_state()
        if not (self.numpy[0] == now[0] and np.array_equal(self.numpy[1], now[1]) and self.numpy[2:] == now[2:]):
            changed.append("numpy")
        if self.python != random.getstate():
            changed.append("random")
        return changed
