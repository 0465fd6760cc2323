# exercise: mlp_classifier
# kind: alternative
# why: pairs consecutive sizes with zip, builds the list with a comprehension, flattens with torch.flatten
class MLPClassifier(nn.Module):
    def __init__(self, input_size=3072, hidden_sizes=(512, 256), num_classes=10):
        super().__init__()
        sizes = [input_size] + list(hidden_sizes)
        hidden = [m for a, b in zip(sizes[:-1], sizes[1:]) for m in (nn.Linear(a, b), nn.ReLU())]
        self.network = nn.Sequential(*hidden, nn.Linear(sizes[-1], num_classes))

    def forward(self, x):
        return self.network(torch.flatten(x, start_dim=1))
