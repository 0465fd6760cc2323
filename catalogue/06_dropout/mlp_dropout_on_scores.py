# exercise: dropout_mlp
# kind: wrong
# fails: test_dropout_mlp
# why: adds a Dropout after the output layer too, dropping class scores
class DropoutMLP(nn.Module):
    def __init__(self, input_size, hidden_sizes, num_classes, p):
        super().__init__()
        layers = []
        sizes = [input_size, *hidden_sizes]
        for a, b in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(a, b), nn.ReLU(), Dropout(p)]
        layers += [nn.Linear(sizes[-1], num_classes), Dropout(p)]
        self.network = nn.Sequential(*layers)

    def forward(self, x):
        return self.network(x.view(x.size(0), -1))
