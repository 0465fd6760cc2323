# exercise: make_mlp
# kind: wrong
# fails: test_make_mlp
# why: ignores the activation argument and always uses nn.Tanh
# names: the activation argument is ignored
def make_mlp(in_features, out_features, hidden_features, num_hidden_layers, activation=nn.Tanh):
    if num_hidden_layers == 0:
        return nn.Sequential(nn.Linear(in_features, out_features))
    layers = [nn.Linear(in_features, hidden_features), nn.Tanh()]
    for _ in range(num_hidden_layers - 1):
        layers += [nn.Linear(hidden_features, hidden_features), nn.Tanh()]
    layers.append(nn.Linear(hidden_features, out_features))
    return nn.Sequential(*layers)
