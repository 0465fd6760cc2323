"""Runs in the grading worker, beside the student's code (``tools.worker.serve``): builds models,
loaders, losses and optimizers from plain data, drives the student's ``EarlyStopping`` and
``train_with_early_stopping``, and reports what happened by value. Decides nothing, knows no
answer. The hidden tests build the same set-ups with ``build`` for the reference run."""
import torch
from torch import nn

from course.probes import EventLog, ProbeModel, ScriptedLoader
from course.regularization import regression_net

STOPPER_ATTRIBUTES = ("best_loss", "best_epoch", "counter")


# --- EarlyStopping ------------------------------------------------------------------------

def new_state_model():
    """A linear layer and a batch norm, in float64: a state with parameters and buffers."""
    return nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2)).double()


def state_model(start):
    model = new_state_model()
    model.load_state_dict(start)
    return model


def advance(model, amount):
    """Change every tensor of the state in place, the way optimizer.step() and BatchNorm do."""
    with torch.no_grad():
        for tensor in model.state_dict().values():
            tensor.add_(amount if tensor.is_floating_point() else 1)


def state_of(model):
    return {key: value.detach().clone() for key, value in model.state_dict().items()}


def _copy_of(kept):
    """What ``best_state`` holds now, copied so that later changes to its tensors do not reach the report."""
    if isinstance(kept, dict):
        return {k: v.detach().clone() if isinstance(v, torch.Tensor) else v for k, v in kept.items()}
    return kept


def _drive(stopper, losses, model):
    """Each loss in turn through ``stopper.step``, the model changing after each step: what the
    step returned and the stopper's attributes after it."""
    rows = []
    for epoch, loss in enumerate(losses):
        decision = stopper.step(loss, model)
        row = {name: getattr(stopper, name) for name in STOPPER_ATTRIBUTES if hasattr(stopper, name)}
        rows.append({"returned": decision, **row, "best_state": _copy_of(getattr(stopper, "best_state", None))})
        advance(model, 1.0 + epoch)
    return rows


def step_through(ns, args, kwargs, losses, start):
    """``EarlyStopping(*args, **kwargs)`` fed ``losses`` (see ``_drive``)."""
    if "EarlyStopping" not in ns:
        return {"missing": "EarlyStopping"}
    return {"rows": _drive(ns["EarlyStopping"](*args, **kwargs), losses, state_model(start))}


def keep_and_restore(ns, patience, losses, start, other_start):
    """As ``step_through``, then the model's state after ``restore``, after training on and
    restoring again, and a second model's state after ``restore``."""
    if "EarlyStopping" not in ns:
        return {"missing": "EarlyStopping"}
    stopper, model = ns["EarlyStopping"](patience=patience), state_model(start)
    rows = _drive(stopper, losses, model)
    stopper.restore(model)
    restored = state_of(model)
    advance(model, 10.0)
    stopper.restore(model)
    restored_again = state_of(model)
    other = state_model(other_start)
    stopper.restore(other)
    return {"rows": rows, "restored": restored, "restored_again": restored_again, "other_restored": state_of(other)}


# --- train_with_early_stopping ------------------------------------------------------------

MODELS = {
    "linear": lambda: nn.Linear(3, 1).double(),
    "batchnorm": lambda: nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1)).double(),
    "regression": lambda: regression_net(hidden=30, depth=2, seed=0),
}
VALIDATION_MARK = 1000.0


class ScriptedValidationLoss:
    """Mean squared error on training batches. On validation batches (targets VALIDATION_MARK +
    batch number) the scripted value of that epoch, minus 1/8 on the first and plus 1/8 on the
    second batch, so the mean of the per-batch losses is the script while a mean weighted by
    batch size is not; the value does not depend on the weights."""

    def __init__(self, script):
        self.script, self.seen = script, [0, 0]

    def __call__(self, prediction, target):
        mark = float(target.reshape(-1)[0])
        if mark < VALIDATION_MARK:
            return ((prediction - target) ** 2).mean()
        batch = int(mark - VALIDATION_MARK)
        epoch = self.seen[batch]
        self.seen[batch] += 1
        return (prediction * 0.0).sum() + self.script[min(epoch, len(self.script) - 1)] + (0.125 if batch else -0.125)


def build(setup):
    """The model (inside a ``ProbeModel`` that logs its forward passes), loss, optimizer and
    loaders described by ``setup``: the model's kind and starting state, the batches, the
    optimizer and its settings, and the validation script (None: plain MSE throughout)."""
    inner = MODELS[setup["model"]]()
    inner.load_state_dict(setup["start"])
    log = EventLog()
    model = ProbeModel(inner, log)
    optimizers = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}
    optimizer = optimizers[setup["optimizer"]](model.parameters(), **setup["settings"])
    loss_fn = nn.MSELoss() if setup["script"] is None else ScriptedValidationLoss(setup["script"])
    return {"inner": inner, "model": model, "log": log, "loss_fn": loss_fn, "optimizer": optimizer,
            "train_loader": ScriptedLoader(setup["train"]), "val_loader": ScriptedLoader(setup["val"])}


def train(ns, setup, max_epochs, patience):
    """``train_with_early_stopping`` on the set-up: what it returned, the model's state and the
    optimizer's afterwards, the validation passes run, and each forward pass's batch size, mode
    and grad mode."""
    if "train_with_early_stopping" not in ns:
        return {"missing": "train_with_early_stopping"}
    built = build(setup)
    result = ns["train_with_early_stopping"](built["model"], built["loss_fn"], built["optimizer"],
                                             built["train_loader"], built["val_loader"], max_epochs, patience)
    return {"result": result, "state": state_of(built["inner"]),
            "optimizer": built["optimizer"].state_dict()["state"], "val_passes": built["val_loader"].epochs,
            "forwards": [(f["n"], f["training"], f["grad_enabled"]) for f in built["log"].of("forward")]}
