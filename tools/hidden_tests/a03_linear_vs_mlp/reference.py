"""Reference solutions of 03_linear_vs_mlp, written independently of the notebook's: the scores
of the two models for given weights, and the training loop, run here on the same probe
networks and batches the worker gave the student's loop. No exercise's tests use another
exercise's code, so nothing is shipped into the worker."""
import torch
from torch import nn


def mlp_scores(weights, x):
    """Scores of Linear layers ``weights`` [(W, b), ...] with a ReLU between each two, on the
    flattened ``x``, in float64 (one pair: the linear classifier)."""
    z = x.double().reshape(x.shape[0], -1)
    for i, (w, b) in enumerate(weights):
        if i:
            z = z.clamp(min=0)
        z = z @ w.double().T + b.double()
    return z


# A common wrong version of the loop (for the likely-mistake values), by name.
MISTAKES = ("no_zero_grad", "zero_grad_after_backward", "softmax_before_loss", "never_train", "train_once",
            "second_forward")


def train_epochs(model, batches, optimizer, num_epochs, mistake=None):
    """The training loop (cross-entropy) on ``batches``, which leave the model in eval mode at
    the end of each epoch as the probes' loader does; ``mistake`` (one of ``MISTAKES``) runs that
    wrong version instead. Per epoch, per batch: (loss, size, correct, correct in a second
    forward pass after the step, or None)."""
    loss_fn = nn.CrossEntropyLoss()
    epochs = []
    for epoch in range(num_epochs):
        if mistake not in ("never_train", "train_once") or (mistake == "train_once" and epoch == 0):
            model.train()
        rows = []
        for x, y in batches:
            if mistake not in ("no_zero_grad", "zero_grad_after_backward"):
                optimizer.zero_grad(set_to_none=True)
            scores = model(x)
            loss = loss_fn(torch.softmax(scores, dim=1) if mistake == "softmax_before_loss" else scores, y)
            loss.backward()
            if mistake == "zero_grad_after_backward":
                optimizer.zero_grad(set_to_none=True)
            optimizer.step()
            second = None
            if mistake == "second_forward":
                with torch.no_grad():
                    second = int((model(x).argmax(dim=1) == y).sum())
            rows.append((loss.item(), len(y), int((scores.argmax(dim=1) == y).sum()), second))
        epochs.append(rows)
        model.eval()
    return epochs
