"""Reference solutions of 06_dropout, written independently of the notebook's: expected values
for the hidden tests, and the pieces a later exercise builds on, shipped into the worker
(``dropout`` for ``Dropout``; both for ``DropoutMLP``)."""
import torch
from torch import nn


def dropout(x, p, training=True):
    if p < 0 or p > 1:
        raise ValueError(f"the drop probability p must lie in [0, 1], not {p}")
    if p == 0 or not training:
        return x
    if p == 1:
        return torch.zeros_like(x)
    survives = torch.rand_like(x) >= p
    return torch.where(survives, x / (1 - p), torch.zeros_like(x))


class Dropout(nn.Module):
    """``dropout`` as a layer without parameters, in the layer's own mode (``self.training``)."""

    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        return dropout(x, p=self.p, training=self.training)


def mlp_layer_kinds(hidden_sizes):
    """The type names of ``DropoutMLP.network``'s layers, in order."""
    return ["Linear", "ReLU", "Dropout"] * len(hidden_sizes) + ["Linear"]


def mlp_linear_sizes(input_size, hidden_sizes, num_classes):
    """[in_features, out_features] of each Linear layer, in order."""
    widths = [input_size, *hidden_sizes, num_classes]
    return [[a, b] for a, b in zip(widths, widths[1:])]


def mlp_weights(input_size, hidden_sizes, num_classes, generator):
    """Random float64 [weight, bias] of each Linear layer of a DropoutMLP, in order."""
    return [[torch.randn(n_out, n_in, generator=generator, dtype=torch.float64) / n_in ** 0.5,
             torch.randn(n_out, generator=generator, dtype=torch.float64) * 0.1]
            for n_in, n_out in mlp_linear_sizes(input_size, hidden_sizes, num_classes)]


def mlp_eval_scores(weights, x):
    """The scores of a DropoutMLP with these Linear weights in eval mode (dropout is the
    identity), in float64: Linear and ReLU alternately on the flattened examples."""
    z = x.double().reshape(x.shape[0], -1)
    for k, (weight, bias) in enumerate(weights):
        z = z @ weight.T + bias
        if k < len(weights) - 1:
            z = torch.relu(z)
    return z
