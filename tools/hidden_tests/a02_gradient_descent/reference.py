"""Reference solutions of 02_gradient_descent, written independently of the notebook's: the
expected values of the hidden tests. No exercise builds on another, so none is shipped."""
import torch


def gd_step(w, b, x, y, lr):
    """One step with both gradients taken at the old (w, b), in float64 Python arithmetic:
    ``(w_new, b_new, dw, db)``."""
    w, b, n = float(w), float(b), len(x)
    dw = db = 0.0
    for xi, yi in zip(x.double().tolist(), y.double().tolist()):
        r = w * xi + b - yi
        dw += 2.0 * r * xi / n
        db += 2.0 * r / n
    return w - lr * dw, b - lr * db, dw, db


def fit_linear(x, y, lr, num_epochs, dtype=torch.float64):
    """Full-batch gradient descent on the MSE from w = b = 0, analytical gradients, parameters
    kept in ``dtype``: ``(ws, bs, losses)``, the parameters after 0, 1, ... epochs and each
    epoch's loss before its step."""
    x, y = x.to(dtype).reshape(-1), y.to(dtype).reshape(-1)
    w, b = torch.zeros((), dtype=dtype), torch.zeros((), dtype=dtype)
    ws, bs, losses = [0.0], [0.0], []
    for _ in range(num_epochs):
        r = w * x + b - y
        losses.append(float((r * r).mean()))
        w, b = w - lr * 2 * (r * x).mean(), b - lr * 2 * r.mean()
        ws.append(float(w))
        bs.append(float(b))
    return ws, bs, losses


def train_epoch(model, batches, loss_fn, lr):
    """One epoch of plain SGD on ``model`` (trained in place), fresh gradients for every batch;
    returns the loss of each batch."""
    sgd = torch.optim.SGD(model.parameters(), lr=lr)
    model.train()
    losses = []
    for xb, yb in batches:
        sgd.zero_grad()
        batch_loss = loss_fn(model(xb), yb)
        batch_loss.backward()
        sgd.step()
        losses.append(batch_loss.item())
    return losses
