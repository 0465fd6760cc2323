# exercise: make_mlp
# kind: wrong
# fails: test_make_mlp
# why: off by one: num_hidden_layers blocks of Linear(h, h) after the first hidden layer
# names: one hidden layer too many
def make_mlp(in_features, out_features, hidden_features, num_hidden_layers, activation=nn.Tanh):
    if num_hidden_layers == 0:
        return nn.Sequential(nn.Linear(in_features, out_features))
    layers = [nn.Linear(in_features, hidden_features), activation()]
    for _ in range(num_hidden_layers):
        layers += [nn.Linear(hidden_features, hidden_features), activation()]
    layers.append(nn.Linear(hidden_features, out_features))
    return nn.Sequential(*layers)
