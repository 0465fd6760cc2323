# exercise: mlp_classifier
# kind: wrong
# fails: test_mlp_classifier
# why: uses sigmoid activations where the spec (and the lecture's network) has ReLU
class MLPClassifier(nn.Module):
    def __init__(self, input_size=3072, hidden_sizes=(512, 256), num_classes=10):
        super().__init__()
        layers = []
        previous = input_size
        for size in hidden_sizes:
            layers += [nn.Linear(previous, size), nn.Sigmoid()]
            previous = size
        layers.append(nn.Linear(previous, num_classes))
        self.network = nn.Sequential(*layers)

    def forward(self, x):
        return self.network(x.view(x.size(0), -1))
