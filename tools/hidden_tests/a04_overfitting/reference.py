"""Reference solutions of 04_overfitting, written independently of the notebook's: expected values
for the hidden tests. No exercise of 04 builds on another, so nothing of this is shipped into the
worker."""
import torch


def split_sizes(n, val_fraction, test_fraction):
    """(train, validation, test) sizes: int() rounds the two fractions down, training takes the rest."""
    n_val, n_test = int(n * val_fraction), int(n * test_fraction)
    return n - n_val - n_test, n_val, n_test


def mlp_layers(in_features, out_features, hidden_features, num_hidden_layers, activation):
    """make_mlp's layers as plain data: ("Linear", in, out) or the activation's class name."""
    widths = [in_features] + [hidden_features] * num_hidden_layers + [out_features]
    layers = []
    for i, (a, b) in enumerate(zip(widths[:-1], widths[1:])):
        layers += [activation] if i else []
        layers.append(("Linear", a, b))
    return layers


ACTIVATIONS = {"Tanh": torch.tanh, "ReLU": torch.relu, "MyActivation": torch.sin}


def mlp_output(layers, x):
    """The output of a network described layer by layer (``probes.describe_network``), in float64."""
    out = x.double()
    for layer in layers:
        if layer["kind"] == "Linear":
            out = out @ layer["weight"].double().T + (layer["bias"].double() if layer["bias"] is not None else 0.0)
        else:
            out = ACTIVATIONS[layer["kind"]](out)
    return out


def fit(model, loss_fn, optimizer, train_loader, val_loader, num_epochs):
    """Per epoch: a pass over the training batches in training mode, stepping after each; a pass
    over the validation batches in eval mode without autograd; back to training mode."""
    history = {"train_loss": [], "val_loss": []}
    for _ in range(num_epochs):
        model.train()
        history["train_loss"].append(_mean_batch_loss(model, loss_fn, train_loader, optimizer))
        model.eval()
        with torch.no_grad():
            history["val_loss"].append(_mean_batch_loss(model, loss_fn, val_loader))
        model.train()
    return history


def _mean_batch_loss(model, loss_fn, loader, optimizer=None):
    """The mean of the batch losses of one pass over ``loader``; with ``optimizer``, a step per batch."""
    losses = []
    for inputs, targets in loader:
        loss = loss_fn(model(inputs), targets)
        if optimizer is not None:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)
