"""What common mistakes produce from the same inputs as the reference: the values behind the
hidden tests' "likely mistake" messages (a message names a mistake only when the student's
values are the ones it produces)."""
import torch


def fit_linear(x, y, lr, num_epochs, accumulate=False, after=False, total=False, broadcast=False):
    """``(w, b, losses)`` of full-batch gradient descent from 0 with one mistake: gradients never
    zeroed (``accumulate``), each loss recorded after its step (``after``), a sum of squares
    (``total``), or a 1-D target against (n, 1) predictions (``broadcast``: every prediction
    compared with every target)."""
    x, y = x.double().reshape(-1), y.double().reshape(-1)
    inputs = x.reshape(-1, 1) if broadcast else x
    reduce = torch.sum if total else torch.mean
    w = b = gw = gb = 0.0
    losses = []
    for _ in range(num_epochs):
        r = w * inputs + b - y
        loss = float(reduce(r * r))
        dw, db = float(reduce(2 * r * inputs)), float(reduce(2 * r))
        gw, gb = (gw + dw, gb + db) if accumulate else (dw, db)
        w, b = w - lr * gw, b - lr * gb
        if after:
            loss = float(reduce((w * inputs + b - y) ** 2))
        losses.append(loss)
    return w, b, losses


def train_epoch(model, batches, loss_fn, lr, train=True, zero="each", flatten=False):
    """One epoch of SGD on ``model`` (trained in place, arriving as the test prepared it) with
    one mistake: ``train=False`` keeps the mode it arrived in; ``zero`` is when the gradients
    are zeroed ("each" batch before backward, "after_step", "once" before the loop, "never");
    ``flatten`` squeezes predictions and targets before the loss. The per-batch losses."""
    sgd = torch.optim.SGD(model.parameters(), lr=lr)
    if train:
        model.train()
    if zero == "once":
        sgd.zero_grad()
    losses = []
    for xb, yb in batches:
        if zero == "each":
            sgd.zero_grad()
        prediction = model(xb)
        loss = loss_fn(prediction.squeeze(-1), yb.squeeze(-1)) if flatten else loss_fn(prediction, yb)
        loss.backward()
        sgd.step()
        if zero == "after_step":
            sgd.zero_grad()
        losses.append(loss.item())
    return losses
