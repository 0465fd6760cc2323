"""The training set-ups of the hidden tests as plain data (the worker builds them with
``probes.build``), and their expected runs, computed here with the reference from the same
starting weights and batches. Nothing here depends on a global random stream."""
import torch

from course.probes import make_batches
from course.regularization import regression_net
from course.toy_data import regression_task
from tools.hidden_tests.a05_early_stopping import probes, reference as ref

TRAIN_SIZES = (6, 3, 5)
SGD = {"optimizer": "sgd", "settings": {"lr": 0.05, "momentum": 0.5}}   # momentum: the optimizer's state counts the steps


def scripted(seed, script, model="linear", val_sizes=(4, 1)):
    """A float64 regression on 14 points in batches of 6, 3 and 5, validated on batches whose
    loss is ``script`` (``probes.ScriptedValidationLoss``), from weights drawn with ``seed``."""
    gen = torch.Generator().manual_seed(seed)
    layout = probes.MODELS[model]()
    parameters = {name for name, _ in layout.named_parameters()}
    start = {key: torch.randn(value.shape, generator=gen, dtype=torch.float64) if key in parameters else value
             for key, value in layout.state_dict().items()}
    x = torch.randn(14, 3, generator=gen, dtype=torch.float64)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5]], dtype=torch.float64) \
        + 0.3 * torch.randn(14, 1, generator=gen, dtype=torch.float64)
    xv = torch.randn(sum(val_sizes), 3, generator=gen, dtype=torch.float64)
    yv = torch.cat([torch.full((n, 1), probes.VALIDATION_MARK + b, dtype=torch.float64) for b, n in enumerate(val_sizes)])
    return {"model": model, "start": start, "train": make_batches(x, y, TRAIN_SIZES),
            "val": make_batches(xv, yv, val_sizes),
            "script": list(script), **SGD}


def worked_example():
    """The notebook's own check: the 15-point regression with a 1-30-30-1 network, full batches, Adam."""
    task = regression_task(seed=7)
    start = {key: value.clone() for key, value in regression_net(hidden=30, depth=2, seed=1).state_dict().items()}
    return {"model": "regression", "start": start, "train": [task.train.tensors], "val": [task.val.tensors],
            "script": None, "optimizer": "adam", "settings": {"lr": 3e-3}}


class Expected:
    """The reference run of a set-up (or a usual mistake's, by the switches of
    ``reference.trajectory``) with early stopping after ``patience`` epochs without improvement,
    computed up to the epoch after the stop (what one epoch too many would have done), or to
    ``max_epochs``."""

    def __init__(self, setup, max_epochs, patience, **mistakes):
        built = probes.build(setup)
        self.max_epochs, self.patience, self.epochs = max_epochs, patience, []
        self._more = ref.trajectory(built["model"], lambda model: probes.state_of(model.inner), built["loss_fn"],
                                    built["optimizer"], built["train_loader"], built["val_loader"], **mistakes)
        self.best, self.stop = self.best_and_stop(patience)

    def best_and_stop(self, patience):
        """(best_epoch, stopped_epoch) of this run under a rule of ``patience`` epochs, the run
        computed (at least) up to the epoch after that stop, or to ``max_epochs``."""
        while len(self.epochs) < self.max_epochs and not any(
                stop for stop, *_ in ref.patience_rule(self.val[:-1], patience)):
            self.epochs.append(next(self._more))
        return ref.best_and_stop(self.val, patience)

    @property
    def val(self):
        return [e["val_loss"] for e in self.epochs]

    @property
    def train(self):
        return [e["train_loss"] for e in self.epochs]

    def kept(self):
        """The state that early stopping restores."""
        return self.epochs[self.best]["kept"]

    def train_to_the_end(self):
        """The training losses of all ``max_epochs`` epochs."""
        while len(self.epochs) < self.max_epochs:
            self.epochs.append(next(self._more))
        return self.train

