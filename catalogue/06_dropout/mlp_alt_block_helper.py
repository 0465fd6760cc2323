# exercise: dropout_mlp
# kind: alternative
# why: a helper that returns one hidden block, unpacked into the Sequential; nn.Flatten in forward
def _hidden_block(n_in, n_out, p):
    return [nn.Linear(n_in, n_out), nn.ReLU(), Dropout(p)]


class DropoutMLP(nn.Module):
    def __init__(self, input_size, hidden_sizes, num_classes, p):
        super().__init__()
        widths = [input_size, *hidden_sizes]
        blocks = [layer for a, b in zip(widths, widths[1:]) for layer in _hidden_block(a, b, p)]
        self.network = nn.Sequential(*blocks, nn.Linear(widths[-1], num_classes))
        self.flatten = nn.Flatten()

    def forward(self, x):
        return self.network(self.flatten(x))
