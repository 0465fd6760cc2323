# exercise: dropout_mlp
# kind: wrong
# fails: test_dropout_mlp
# why: forgets to flatten, so image batches (N, 3, 32, 32) reach the first Linear unflattened
class DropoutMLP(nn.Module):
    def __init__(self, input_size, hidden_sizes, num_classes, p):
        super().__init__()
        layers = []
        previous = input_size
        for size in hidden_sizes:
            layers += [nn.Linear(previous, size), nn.ReLU(), Dropout(p)]
            previous = size
        layers.append(nn.Linear(previous, num_classes))
        self.network = nn.Sequential(*layers)

    def forward(self, x):
        return self.network(x)
