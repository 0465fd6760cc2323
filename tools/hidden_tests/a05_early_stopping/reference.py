"""Reference solutions of 05_early_stopping, written independently of the notebook's.

- ``EarlyStopping``: shipped into the worker when ``train_with_early_stopping`` is graded, so a
  mistake in the class is not graded again in the loop.
- ``patience_rule`` and ``consecutive_increases_stop``: the two stopping rules on plain numbers,
  for the expected values of ``EarlyStopping`` and of the questions.
- ``trajectory``: the training loop epoch by epoch, for the expected run of
  ``train_with_early_stopping`` from the same weights and batches as the student's.

The keyword-only switches reproduce the usual mistakes; the likely-mistake messages use them.
"""
import copy

import torch


class EarlyStopping:
    def __init__(self, patience=5, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best_loss, self.best_epoch, self.best_state = float("inf"), None, None
        self.counter, self.steps = 0, 0

    def step(self, val_loss, model):
        val_loss = float(val_loss)
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch, self.counter = val_loss, self.steps, 0
            self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.counter += 1
        self.steps += 1
        return self.counter >= self.patience

    def restore(self, model):
        model.load_state_dict(self.best_state)


def patience_rule(values, patience, min_delta=0.0, *, ties_improve=False, ignore_min_delta=False,
                  extra=0, one_based=False, no_reset=False):
    """(stop, counter, best_epoch, best_loss) after each value, as ``EarlyStopping.step`` leaves them."""
    best, best_epoch, counter, rows = float("inf"), None, 0, []
    for epoch, value in enumerate(values):
        threshold = best if ignore_min_delta else best - min_delta
        if value <= threshold if ties_improve else value < threshold:
            best, best_epoch = value, epoch + 1 if one_based else epoch
            counter = counter if no_reset else 0
        else:
            counter += 1
        rows.append((counter >= patience + extra, counter, best_epoch, best))
    return rows


def best_and_stop(values, patience, **mistakes):
    """(best_epoch, stopped_epoch) of a run that consults the rule after each epoch's value and
    stops when it says so, or when the values run out."""
    rows = patience_rule(values, patience, **mistakes)
    for epoch, (stop, _, best_epoch, _) in enumerate(rows):
        if stop:
            return best_epoch, epoch
    return rows[-1][2], len(values) - 1


def consecutive_increases_stop(values, patience):
    run = 0
    for epoch in range(1, len(values)):
        run = run + 1 if values[epoch] > values[epoch - 1] else 0
        if run >= patience:
            return epoch
    return None


def trajectory(model, state_of, loss_fn, optimizer, train_loader, val_loader, *,
               validate_first=False, validate_in_train_mode=False, train_mode_once=False):
    """The loop's epochs, one at a time, for as long as they are asked for: each one's mean
    training and validation losses (of the per-batch values, and weighted by batch size), the
    state an early stopper would keep at its step (``kept``), the state after the epoch and the
    optimizer's state. ``state_of(model)`` copies a model's state."""
    model.train()
    while True:
        if validate_first:
            val, kept = _validate(model, loss_fn, val_loader, validate_in_train_mode), state_of(model)
        if not train_mode_once:
            model.train()
        losses = []
        for xb, yb in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            losses.append((loss.item(), len(xb)))
        if not validate_first:
            val, kept = _validate(model, loss_fn, val_loader, validate_in_train_mode), state_of(model)
        yield {"train_loss": _mean(losses), "train_loss_weighted": _weighted(losses),
               "val_loss": _mean(val), "val_loss_weighted": _weighted(val),
               "kept": kept, "after": state_of(model), "optimizer": copy.deepcopy(optimizer.state_dict()["state"])}


def _validate(model, loss_fn, loader, in_train_mode):
    model.train(in_train_mode)
    with torch.no_grad():
        return [(loss_fn(model(xb), yb).item(), len(xb)) for xb, yb in loader]


def _mean(losses):
    return sum(value for value, _ in losses) / len(losses)


def _weighted(losses):
    return sum(value * n for value, n in losses) / sum(n for _, n in losses)
