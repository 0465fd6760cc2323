# exercise: dropout_mlp
# kind: wrong
# fails: test_dropout_mlp
# why: builds every Dropout with the usual 0.5 instead of the p passed in
class DropoutMLP(nn.Module):
    def __init__(self, input_size, hidden_sizes, num_classes, p=0.5):
        super().__init__()
        layers = []
        previous = input_size
        for size in hidden_sizes:
            layers += [nn.Linear(previous, size), nn.ReLU(), Dropout(0.5)]
            previous = size
        layers.append(nn.Linear(previous, num_classes))
        self.network = nn.Sequential(*layers)

    def forward(self, x):
        return self.network(x.view(x.size(0), -1))
