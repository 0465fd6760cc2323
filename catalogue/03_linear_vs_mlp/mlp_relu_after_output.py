# exercise: mlp_classifier
# kind: wrong
# fails: test_mlp_classifier
# why: appends Linear + ReLU for the output layer too, so negative scores are clipped to 0
class MLPClassifier(nn.Module):
    def __init__(self, input_size=3072, hidden_sizes=(512, 256), num_classes=10):
        super().__init__()
        layers = []
        sizes = [input_size, *hidden_sizes, num_classes]
        for a, b in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
        self.network = nn.Sequential(*layers)

    def forward(self, x):
        return self.network(x.view(x.size(0), -1))
