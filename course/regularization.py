"""Shared pieces of the regularization assignments, 05 (early stopping) and 07 (weight decay).

- Networks: ``regression_net`` (for ``course.toy_data.regression_task``) and ``digit_mlp``
  (for ``course.data.mnist_splits``), built from a seed without touching the global RNG.
- ``recorded_run()``: the training and validation losses of one real run, kept as numbers so
  a patience explorer can replay them instantly.
- ``consecutive_increases_stop``: the simpler stopping rule of the lecture ("stop after
  ``patience`` consecutive increases"), for comparison with patience counted from the best.
- ``RunWatcher``: watches a run of *your* training function through its validation loader
  (a live validation curve, the weights of the last epoch, a hook after each epoch).
- Figures: ``plot_early_stopping`` (curves with the best epoch and the stopping point
  marked), ``plot_fits``, ``plot_lambda_sweep``.

Nothing here trains a model: the training loops are what the notebooks are about.
"""
import contextlib
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn

from course.boundaries import predict
from course.live import LiveCurves
from course.plotting import axes_or_new
from course.toy_data import regression_task_truth


# --- Seeds ------------------------------------------------------------------------------

@contextlib.contextmanager
def seeded(seed):
    """Run a block with ``torch.manual_seed(seed)`` and put the global torch RNG back afterwards."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


# --- Networks, built from a seed ----------------------------------------------------------

def regression_net(hidden=100, depth=2, seed=0, activation=nn.ReLU):
    """1 -> hidden -> ... -> 1 with ``depth`` hidden layers, initialised from ``seed``."""
    with seeded(seed):
        layers, width = [], 1
        for _ in range(depth):
            layers += [nn.Linear(width, hidden), activation()]
            width = hidden
        layers.append(nn.Linear(width, 1))
        return nn.Sequential(*layers)


def digit_mlp(hidden=(256, 256), seed=0):
    """Flatten -> (Linear, ReLU) per hidden size -> Linear(., 10), initialised from ``seed``."""
    with seeded(seed):
        layers, width = [nn.Flatten()], 28 * 28
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, 10))
        return nn.Sequential(*layers)


# --- A recorded run -----------------------------------------------------------------------

# Per-epoch mean cross-entropy of digit_mlp((256, 256), seed=0) trained with SGD (lr 0.1,
# batch size 25, shuffled with course.loaders.batch_loader(seed=0)) on the first 500 digits
# of course.data.mnist_splits((500, 1000, 1000), seed=0), validated on the next 1000 (mean
# of the per-batch losses, batches of 500), 80 epochs, recorded once on a CPU with torch 2.14.
RECORDED_RUN = {
    "train_loss": [
        2.2758, 2.1538, 1.8252, 1.2512, 0.8592, 0.6416, 0.5228, 0.4158, 0.3516, 0.2651,
        0.2358, 0.1880, 0.1619, 0.1359, 0.1036, 0.0863, 0.0699, 0.0579, 0.0472, 0.0397,
        0.0339, 0.0297, 0.0257, 0.0246, 0.0212, 0.0200, 0.0175, 0.0164, 0.0150, 0.0139,
        0.0129, 0.0120, 0.0113, 0.0106, 0.0102, 0.0096, 0.0091, 0.0086, 0.0083, 0.0079,
        0.0076, 0.0072, 0.0069, 0.0066, 0.0064, 0.0062, 0.0059, 0.0057, 0.0054, 0.0053,
        0.0051, 0.0049, 0.0048, 0.0046, 0.0046, 0.0044, 0.0043, 0.0042, 0.0040, 0.0039,
        0.0038, 0.0037, 0.0036, 0.0036, 0.0035, 0.0034, 0.0033, 0.0032, 0.0032, 0.0031,
        0.0030, 0.0029, 0.0029, 0.0028, 0.0028, 0.0027, 0.0027, 0.0026, 0.0026, 0.0025],
    "val_loss": [
        2.2437, 2.0642, 1.5681, 1.0798, 0.9223, 0.8075, 0.9213, 0.6272, 0.5506, 0.5400,
        0.5813, 0.6054, 0.5802, 0.5903, 0.5628, 0.5367, 0.5800, 0.5605, 0.5725, 0.5836,
        0.5678, 0.5891, 0.5840, 0.5884, 0.6128, 0.5997, 0.6122, 0.6203, 0.6190, 0.6307,
        0.6303, 0.6370, 0.6392, 0.6422, 0.6511, 0.6506, 0.6586, 0.6674, 0.6684, 0.6731,
        0.6750, 0.6735, 0.6822, 0.6809, 0.6839, 0.6851, 0.6938, 0.6952, 0.6983, 0.6991,
        0.7021, 0.7043, 0.7063, 0.7114, 0.7115, 0.7132, 0.7149, 0.7174, 0.7215, 0.7244,
        0.7265, 0.7280, 0.7287, 0.7330, 0.7361, 0.7339, 0.7404, 0.7440, 0.7431, 0.7425,
        0.7439, 0.7484, 0.7487, 0.7505, 0.7524, 0.7529, 0.7557, 0.7556, 0.7580, 0.7599],
}


def recorded_run():
    """A copy of ``RECORDED_RUN``: ``{"train_loss": [...], "val_loss": [...]}`` per epoch."""
    return {key: list(values) for key, values in RECORDED_RUN.items()}


# --- The lecture's stopping rule -----------------------------------------------------------

def consecutive_increases_stop(val_losses, patience):
    """The simpler rule: stop at the first epoch that ends ``patience`` consecutive increases
    of the validation loss (each epoch compared with the one before). Returns that epoch's
    0-based index, or None if the rule never fires. It keeps no best weights: whoever uses
    it ends up with the weights of the epoch it stops at."""
    increases = 0
    for epoch in range(1, len(val_losses)):
        increases = increases + 1 if float(val_losses[epoch]) > float(val_losses[epoch - 1]) else 0
        if increases >= patience:
            return epoch
    return None


# --- Watching a run of your training function ---------------------------------------------

class _AfterEachPass:
    """Yields the batches of ``loader``; calls ``after_pass()`` once a pass is complete."""

    def __init__(self, loader, after_pass):
        self.loader, self.after_pass = loader, after_pass
        self.dataset = getattr(loader, "dataset", None)
        self.batch_size = getattr(loader, "batch_size", None)

    def __iter__(self):
        yield from self.loader
        self.after_pass()

    def __len__(self):
        return len(self.loader)


class RunWatcher:
    """Watches a training function train ``model``, from the validation loader it is given.

    Hand ``watcher.val_loader`` to the training function in place of ``val_loader``: it yields
    the same batches, and after each complete pass (once per epoch, right after that epoch's
    validation) the watcher draws the validation loss of ``model`` on ``val_loader``'s data
    (a ``TensorDataset``) on a live curve, keeps a copy of the weights in ``last_state``, and
    calls ``after_epoch(epoch, model)`` if given, all in eval mode under ``no_grad`` (the
    model's mode is put back). Call ``close()`` when the run is over. So a notebook can watch
    a run without a training loop of its own.
    """

    def __init__(self, model, val_loader, loss_fn, title="", every=1, logy=False, after_epoch=None):
        self.model, self.loss_fn, self.after_epoch = model, loss_fn, after_epoch
        self.inputs, self.targets = val_loader.dataset.tensors
        self.val_loader = _AfterEachPass(val_loader, self._epoch_done)
        self.curves = LiveCurves(["val_loss"], title=title, every=every, logy=logy, markers=False)
        self.epochs, self.last_state = 0, None

    def _epoch_done(self):
        was_training = self.model.training
        self.model.eval()
        with torch.no_grad():
            self.curves.update(val_loss=float(self.loss_fn(self.model(self.inputs), self.targets)))
            self.last_state = copy.deepcopy(self.model.state_dict())
            if self.after_epoch is not None:
                self.after_epoch(self.epochs, self.model)
        self.model.train(was_training)
        self.epochs += 1

    def close(self):
        self.curves.close()


# --- Figures ------------------------------------------------------------------------------

def plot_early_stopping(history, best_epoch=None, stopped_epoch=None, other_stops=None, ax=None,
                        title="Training and validation loss", ylabel="loss", logy=False):
    """The curves of ``history`` (``train_loss``, ``val_loss``, any other lists) with the best
    epoch (a star on the validation curve) and the stopping point marked.

    When the lists run past ``stopped_epoch`` (a full run replayed to show what stopping
    saves), the epochs after the stop are shaded. ``other_stops`` maps a label to an epoch
    (e.g. where the consecutive-increases rule would stop), drawn as dotted lines.
    """
    ax = axes_or_new(ax, figsize=(6, 3.8))
    styles = {"train_loss": dict(color="tab:blue"), "val_loss": dict(color="tab:orange")}
    length = 0
    for name, values in history.items():
        if not isinstance(values, (list, tuple)) or not values:
            continue
        values = [float(v) for v in values]
        length = max(length, len(values))
        ax.plot(range(len(values)), values, label=name.replace("_", " "), **styles.get(name, {}))
    val = [float(v) for v in history.get("val_loss", [])]
    if stopped_epoch is not None:
        ax.axvline(stopped_epoch, color="tab:red", linewidth=1.5,
                   label=f"stopped after epoch {stopped_epoch}")
        if length > stopped_epoch + 1:
            ax.axvspan(stopped_epoch, length - 1, color="gray", alpha=0.12, label="epochs not needed")
    if best_epoch is not None:
        ax.axvline(best_epoch, color="tab:green", linestyle="--", linewidth=1)
        if best_epoch < len(val):
            ax.plot([best_epoch], [val[best_epoch]], marker="*", markersize=14, color="tab:green",
                    linestyle="none", label=f"best epoch {best_epoch} (restored)")
    for i, (label, epoch) in enumerate((other_stops or {}).items()):
        if epoch is None:
            continue
        color = ["tab:purple", "tab:brown", "tab:olive"][i % 3]
        ax.axvline(epoch, color=color, linestyle=":", linewidth=2, label=label)
        if epoch < len(val):
            ax.plot([epoch], [val[epoch]], marker="o", color=color, linestyle="none")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)
    return ax


def plot_fits(task, models, ax=None, title="Fits", points=400):
    """Training points, validation points and the truth of a ``RegressionTask``, with the
    prediction of each model of ``models`` (a dict label -> model), evaluated in eval mode."""
    ax = axes_or_new(ax, figsize=(6, 3.8))
    x_train, y_train = task.train.tensors
    x_val, y_val = task.val.tensors
    grid = torch.linspace(task.low, task.high, points).view(-1, 1)
    ax.scatter(x_val.view(-1), y_val.view(-1), s=8, color="lightgray", label="validation points")
    ax.scatter(x_train.view(-1), y_train.view(-1), s=25, color="black", zorder=3, label="training points")
    ax.plot(grid.view(-1), regression_task_truth(grid).view(-1), color="black", linestyle=":", label="truth")
    for label, model in models.items():
        ax.plot(grid.view(-1), predict(model, grid).view(-1).float(), linewidth=2, label=label)
    span = float(y_train.max() - y_train.min())
    ax.set_ylim(float(y_train.min()) - 0.5 * span, float(y_train.max()) + 0.5 * span)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(title)
    ax.legend(fontsize=8)
    return ax


def plot_lambda_sweep(lams, train_loss, val_loss, weight_norm, axes=None, chosen=None):
    """Two panels against lambda: final training and validation loss, and the weight norm.
    lambda = 0 sits at the left end of a symmetric-log axis. ``chosen`` marks one lambda."""
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    lams = [float(l) for l in lams]
    positive = [l for l in lams if l > 0]
    for ax in axes:
        if positive:
            ax.set_xscale("symlog", linthresh=min(positive))
        ax.set_xlabel(r"$\lambda$")
        if chosen is not None:
            ax.axvline(float(chosen), color="tab:green", linestyle="--", linewidth=1)
    axes[0].plot(lams, [float(v) for v in train_loss], "o-", label="training loss")
    axes[0].plot(lams, [float(v) for v in val_loss], "o-", label="validation loss")
    axes[0].set_ylabel("loss after training")
    axes[0].set_title(r"Loss against $\lambda$")
    axes[0].legend(fontsize=8)
    axes[1].plot(lams, [float(v) for v in weight_norm], "o-", color="tab:purple")
    axes[1].set_ylabel(r"$\|\theta\|_2$")
    axes[1].set_title(r"Weight norm against $\lambda$")
    return axes
