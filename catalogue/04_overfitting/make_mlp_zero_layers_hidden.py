# exercise: make_mlp
# kind: wrong
# fails: test_make_mlp
# why: no special case for 0 hidden layers, which then still gets one hidden layer
def make_mlp(in_features, out_features, hidden_features, num_hidden_layers, activation=nn.Tanh):
    layers = [nn.Linear(in_features, hidden_features), activation()]
    for _ in range(num_hidden_layers - 1):
        layers += [nn.Linear(hidden_features, hidden_features), activation()]
    layers.append(nn.Linear(hidden_features, out_features))
    return nn.Sequential(*layers)
