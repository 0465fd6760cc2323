# exercise: make_mlp
# kind: wrong
# fails: test_make_mlp
# why: an activation after every Linear, including the output layer
# names: an activation after the output layer
def make_mlp(in_features, out_features, hidden_features, num_hidden_layers, activation=nn.Tanh):
    if num_hidden_layers == 0:
        return nn.Sequential(nn.Linear(in_features, out_features))
    sizes = [in_features] + [hidden_features] * num_hidden_layers + [out_features]
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), activation()]
    return nn.Sequential(*layers)
