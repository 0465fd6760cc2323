"""Runs in the grading worker, beside the student's code (``tools.worker.serve``): calls it in
ways a plain call cannot, and reports what happened. Decides nothing, knows no answer."""
import contextlib

import torch
from torch import nn

# PyTorch's own dropout, wherever a submission could reach it at call time.
BUILTIN_DROPOUT = ([(torch.nn.functional, n) for n in ("dropout", "dropout1d", "dropout2d", "dropout3d",
                                                       "alpha_dropout", "feature_alpha_dropout")]
                   + [(torch, n) for n in ("dropout", "dropout_", "feature_dropout", "alpha_dropout", "native_dropout")]
                   + [(torch._VF, n) for n in ("dropout", "dropout_", "feature_dropout")]
                   + [(torch.nn.Dropout, "forward")])


@contextlib.contextmanager
def _builtin_dropout_watched():
    """Records every use of PyTorch's own dropout while the block runs (the result is still
    PyTorch's, so the run goes on as it would have)."""
    calls, saved = [], []
    for owner, name in BUILTIN_DROPOUT:
        if not hasattr(owner, name):
            continue
        real = getattr(owner, name)

        def spy(*args, _real=real, _name=f"{getattr(owner, '__name__', 'torch')}.{name}", **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        saved.append((owner, name, name in vars(owner), vars(owner).get(name)))
        setattr(owner, name, spy)
    try:
        yield calls
    finally:
        for owner, name, had_own, original in reversed(saved):
            if had_own:
                setattr(owner, name, original)
            else:
                delattr(owner, name)


def dropout_and_input(ns, x, p):
    """``dropout(x, p)``: its result, and x as it is afterwards."""
    return {"out": ns["dropout"](x, p), "x_after": x}


def dropout_gradient(ns, x, weights, p):
    """sum(weights * dropout(x, p)) differentiated with respect to x: dropout's result, and the
    gradient that reached x (None when none did); ``failed`` says how the run broke, if it did."""
    leaf = x.detach().clone().requires_grad_(True)
    report = {"out": None, "grad": None}
    try:
        out = ns["dropout"](leaf, p)
        report["out"] = out
        if isinstance(out, torch.Tensor) and out.requires_grad:
            (out * weights).sum().backward()
    except Exception as error:
        report["failed"] = f"{type(error).__name__}: {error}"[:300]
    report["grad"] = leaf.grad
    return report


def dropout_watched(ns, calls_args):
    """``dropout(x, p)`` for each (x, p) while PyTorch's own dropout is watched: the results,
    and the names of the watched functions that were called."""
    with _builtin_dropout_watched() as calls:
        results = [ns["dropout"](x, p) for x, p in calls_args]
    return {"results": results, "builtin_calls": list(calls)}


def dropout_layer_modes(ns, p, x):
    """A new ``Dropout(p)`` on x as constructed, after ``.eval()`` and after ``.train()``, with
    its parameters' shapes."""
    layer = ns["Dropout"](p)
    if not isinstance(layer, nn.Module):
        return {"is_module": False}
    report = {"is_module": True, "parameters": [list(q.shape) for q in layer.parameters()], "initial": layer(x.clone())}
    layer.eval()
    report["eval"] = layer(x.clone())
    layer.train()
    report["train"] = layer(x.clone())
    return report


def dropout_layer_in_sequential(ns, p, x):
    """``Dropout(p)`` inside an ``nn.Sequential`` switched by the parent: after ``model.eval()``,
    then after ``model.train()``."""
    model = nn.Sequential(nn.Identity(), ns["Dropout"](p))
    model.eval()
    evaluated = model(x.clone())
    model.train()
    return {"eval": evaluated, "train": model(x.clone())}


def dropout_layer_watched(ns, p, x):
    with _builtin_dropout_watched() as calls:
        ns["Dropout"](p)(x)
    return list(calls)


def mlp_structure(ns, input_size, hidden_sizes, num_classes, p):
    """``DropoutMLP(...).network`` as plain data: per layer its type's name, whether it is the
    namespace's ``Dropout`` class, and a Linear's (in, out) features."""
    network = getattr(ns["DropoutMLP"](input_size, hidden_sizes, num_classes, p), "network", None)
    if not isinstance(network, nn.Sequential):
        return {"network": type(network).__name__, "layers": None}
    layers = []
    for layer in network:
        entry = {"kind": type(layer).__name__, "own_dropout": type(layer) is ns.get("Dropout")}
        if isinstance(layer, nn.Linear):
            entry["features"] = [layer.in_features, layer.out_features]
        layers.append(entry)
    return {"network": "Sequential", "layers": layers}


def mlp_dropout_layer_outputs(ns, input_size, hidden_sizes, num_classes, p, x):
    """Each layer of ``network`` whose type is named Dropout, in train mode, applied to x."""
    network = ns["DropoutMLP"](input_size, hidden_sizes, num_classes, p).network.double()
    network.train()
    return [layer(x.clone()) for layer in network if type(layer).__name__ == "Dropout"]


def mlp_scores(ns, input_size, hidden_sizes, num_classes, p, weights, x, modes):
    """``DropoutMLP(...)``, in float64 with ``weights`` ([weight, bias] per Linear of ``network``,
    in order) when given: its output on x in each of ``modes`` ("eval" or "train"), in order."""
    model = ns["DropoutMLP"](input_size, hidden_sizes, num_classes, p)
    if weights is not None:
        model = model.double()
        linears = [layer for layer in model.network if isinstance(layer, nn.Linear)]
        if len(linears) != len(weights):
            raise ValueError(f"`network` has {len(linears)} Linear layers, not {len(weights)}")
        with torch.no_grad():
            for layer, (weight, bias) in zip(linears, weights):
                layer.weight.copy_(weight)
                layer.bias.copy_(bias)
    outputs = []
    for mode in modes:
        model.train(mode == "train")
        with torch.no_grad():
            outputs.append(model(x.clone()))
    return outputs
