# exercise: make_mlp
# kind: alternative
# why: a list of layer sizes, Sequential.append, activation only between layers
def make_mlp(in_features, out_features, hidden_features, num_hidden_layers, activation=nn.Tanh):
    sizes = [in_features] + [hidden_features] * num_hidden_layers + [out_features]
    model = nn.Sequential()
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        if i > 0:
            model.append(activation())
        model.append(nn.Linear(a, b))
    return model
