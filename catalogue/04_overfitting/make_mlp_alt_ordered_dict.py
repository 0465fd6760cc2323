# exercise: make_mlp
# kind: alternative
# why: named layers through an OrderedDict
from collections import OrderedDict


def make_mlp(in_features, out_features, hidden_features, num_hidden_layers, activation=nn.Tanh):
    layers = OrderedDict()
    width = in_features
    for i in range(num_hidden_layers):
        layers[f"hidden{i}"] = nn.Linear(width, hidden_features)
        layers[f"act{i}"] = activation()
        width = hidden_features
    layers["output"] = nn.Linear(width, out_features)
    return nn.Sequential(layers)
