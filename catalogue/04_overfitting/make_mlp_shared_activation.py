# exercise: make_mlp
# kind: wrong
# fails: test_make_mlp
# why: one activation instance is reused in every hidden layer
def make_mlp(in_features, out_features, hidden_features, num_hidden_layers, activation=nn.Tanh):
    if num_hidden_layers == 0:
        return nn.Sequential(nn.Linear(in_features, out_features))
    act = activation()
    layers = [nn.Linear(in_features, hidden_features), act]
    for _ in range(num_hidden_layers - 1):
        layers += [nn.Linear(hidden_features, hidden_features), act]
    layers.append(nn.Linear(hidden_features, out_features))
    return nn.Sequential(*layers)
