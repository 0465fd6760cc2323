"""Runs in the grading worker, beside the student's code (``tools.worker.serve``): builds the
student's models, and probe networks, loaders and optimizers from plain data, calls the
student's code with them and reports what happened, by value. Decides nothing, knows no answer.

The hidden tests build their reference copies with the same builders (``build_net``,
``ScriptedSteps``), so both sides start from the same network.
"""
import torch
from torch import nn

from course.probes import ScriptedLoader


def layers_of(layers):
    """``[["BatchNorm2d", 3], ["Flatten"], ["Linear", 12, 8]]`` as an nn.Sequential."""
    return nn.Sequential(*[getattr(nn, name)(*args) for name, *args in layers])


def build_net(layers, state):
    """The network ``layers`` holding the parameters and buffers of ``state``, in their dtype."""
    dtype = next(t.dtype for t in state.values() if t.is_floating_point())
    net = layers_of(layers).to(dtype)
    net.load_state_dict(state)
    return net


class ScriptedSteps(torch.optim.Optimizer):
    """An optimizer whose k-th step adds the k-th of ``updates`` to the parameters, whatever
    their gradients: the weights follow a fixed path, so what a loop reports can be checked
    apart from how it computes gradients."""

    def __init__(self, params, updates):
        super().__init__(params, {})
        self.updates, self.steps = updates, 0

    @torch.no_grad()
    def step(self, closure=None):
        for p, update in zip(self.param_groups[0]["params"], self.updates[self.steps % len(self.updates)]):
            p.add_(update)
        self.steps += 1


class OnLoaderDevice(torch.Tensor):
    """A batch where a loader on another device than the model's leaves it: usable on its own,
    but an operation that mixes it with the model's tensors fails, as CPU and GPU tensors do,
    until ``.to(device)`` moves it."""

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if _moves(func, args, kwargs):
            with torch._C.DisableTorchFunctionSubclass():
                moved = func(*args, **kwargs)
            return moved.as_subclass(torch.Tensor) if isinstance(moved, torch.Tensor) else moved
        if any(_on_model_device(a) for a in (*args, *kwargs.values())):
            raise RuntimeError("Expected all tensors to be on the same device, but a batch is still where the loader "
                               "put it: move images and labels to `device` (images.to(device), labels.to(device)) "
                               "before they meet the model, its scores or the loss.")
        return super().__torch_function__(func, types, args, kwargs)


def _moves(func, args, kwargs):
    """``x.to(device)`` (or ``x.to(a tensor of the model's)``), or a function told ``device=``."""
    if kwargs.get("device") is not None:
        return True
    return func is torch.Tensor.to and any(isinstance(a, (torch.device, str)) or _on_model_device(a) for a in args[1:])


def _on_model_device(value):
    if isinstance(value, (list, tuple)):
        return any(_on_model_device(v) for v in value)
    return isinstance(value, torch.Tensor) and not isinstance(value, OnLoaderDevice) and value.dim() > 0


class EpochLoader(ScriptedLoader):
    """The same batches every epoch (``course.probes.ScriptedLoader``), as ``OnLoaderDevice``
    tensors where ``on_device``; when an epoch's batches run out it switches ``model`` to eval
    mode, as an evaluation between two epochs does."""

    def __init__(self, batches, model=None, on_device=False):
        super().__init__(batches)
        self.model, self.on_device = model, on_device

    def __iter__(self):
        for x, y in super().__iter__():
            yield (x.as_subclass(OnLoaderDevice), y.as_subclass(OnLoaderDevice)) if self.on_device else (x, y)
        if self.model is not None:
            self.model.eval()


def _defined(ns, name):
    if name not in ns:
        raise NameError(f"{name} is not defined")
    return ns[name]


# --- the models (LinearClassifier, MLPClassifier) ------------------------------------------

def structure(ns, class_name, kwargs):
    """The student's model as data: its ``fc`` (in, out), the layers of its ``network``, and
    its parameters' names and shapes."""
    model = _defined(ns, class_name)(**kwargs)
    fc, network = getattr(model, "fc", None), getattr(model, "network", None)
    return {
        "fc": [fc.in_features, fc.out_features] if isinstance(fc, nn.Linear) else None,
        "network": [{"type": type(layer).__name__, "in": getattr(layer, "in_features", None),
                     "out": getattr(layer, "out_features", None)} for layer in network]
        if isinstance(network, nn.Sequential) else None,
        "network_type": type(network).__name__,
        "network_parameters": sum(p.numel() for p in network.parameters()) if isinstance(network, nn.Module) else 0,
        "parameters": [[name, list(p.shape)] for name, p in model.named_parameters()],
    }


def scores(ns, class_name, kwargs, weights, x):
    """The model's output on ``x``, after loading ``weights`` [(W, b), ...] into its Linear
    layers in order (None: its own initial weights); the layers' shapes where they do not fit,
    or what the forward pass raised."""
    model = _defined(ns, class_name)(**kwargs).to(x.dtype)
    if weights is not None:
        linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
        shapes = [[list(m.weight.shape), list(m.bias.shape) if m.bias is not None else None] for m in linears]
        if shapes != [[list(w.shape), list(b.shape)] for w, b in weights]:
            return {"linear_shapes": shapes}
        with torch.no_grad():
            for layer, (w, b) in zip(linears, weights):
                layer.weight.copy_(w)
                layer.bias.copy_(b)
    try:
        return {"scores": model(x.clone())}
    except Exception as error:
        return {"raised": f"{type(error).__name__}: {error}"[:300]}


# --- count_parameters ----------------------------------------------------------------------

def _frozen_with_batch_norm():
    model = nn.Sequential(nn.Linear(5, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 3))
    model[0].weight.requires_grad_(False)
    return model


def _shared_layer():
    shared = nn.Linear(6, 6)
    return nn.Sequential(shared, nn.ReLU(), shared)


COUNTED_MODELS = {
    "linear_3_2": lambda: nn.Linear(3, 2),
    "frozen_with_batch_norm": _frozen_with_batch_norm,
    "shared_layer": _shared_layer,
    "mlp_12_7_3": lambda: nn.Sequential(nn.Linear(12, 7), nn.ReLU(), nn.Linear(7, 3)),
    "relu": nn.ReLU,
}


def count_of(ns, model_name):
    return _defined(ns, "count_parameters")(COUNTED_MODELS[model_name]())


# --- train_model ---------------------------------------------------------------------------

def train_blobs(ns, state, x, y, lr, num_epochs):
    """The notebook's example: nn.Linear(2, 2) from ``state``, a shuffled DataLoader of batches
    of 8 (its own seeded generator), SGD; the returned history."""
    model = build_net([["Linear", 2, 2]], state)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=8, shuffle=True,
                                         generator=torch.Generator().manual_seed(0))
    return _defined(ns, "train_model")(model, loader, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=lr),
                                       num_epochs)


def train_scripted(ns, layers, state, batches, updates, num_epochs):
    """``train_model`` with an optimizer that follows ``updates`` (``ScriptedSteps``): the
    returned history."""
    model = build_net(layers, state)
    return _defined(ns, "train_model")(model, EpochLoader(batches, model), nn.CrossEntropyLoss(),
                                       ScriptedSteps(model.parameters(), updates), num_epochs)


def train_sgd(ns, layers, state, batches, lr, momentum, num_epochs):
    """``train_model`` with SGD on a model left in eval mode before it starts and after each
    epoch, batches on the loader's device, ``device=torch.device("cpu")``: the model's
    parameters and buffers afterwards."""
    model = build_net(layers, state)
    model.eval()
    _defined(ns, "train_model")(model, EpochLoader(batches, model, on_device=True), nn.CrossEntropyLoss(),
                                torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum), num_epochs,
                                device=torch.device("cpu"))
    return model.state_dict()


# --- evaluate_model ------------------------------------------------------------------------

def evaluate(ns, layers, state, batches):
    """``evaluate_model``'s result on the network ``layers`` and the scripted ``batches``."""
    return _defined(ns, "evaluate_model")(build_net(layers, state), EpochLoader(batches))


def evaluate_watched(ns, layers, state, batches):
    """``evaluate_model`` on a model left in train mode, batches on the loader's device,
    ``device=torch.device("cpu")``: the model's parameters and buffers afterwards, whether
    each parameter has a gradient, whether each forward pass ran with gradients enabled (no
    effect shows it), and how often the loader was gone through."""
    model = build_net(layers, state)
    model.train()
    grad_enabled = []
    model.register_forward_hook(lambda module, inputs, output: grad_enabled.append(torch.is_grad_enabled()))
    loader = EpochLoader(batches, on_device=True)
    _defined(ns, "evaluate_model")(model, loader, device=torch.device("cpu"))
    return {"state": model.state_dict(), "has_grad": [p.grad is not None for p in model.parameters()],
            "grad_enabled": grad_enabled, "epochs": loader.epochs}
