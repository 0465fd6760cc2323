# exercise: mlp_classifier
# kind: wrong
# fails: test_mlp_classifier
# why: forgets to carry the previous layer's width forward; every Linear takes input_size inputs
class MLPClassifier(nn.Module):
    def __init__(self, input_size=3072, hidden_sizes=(512, 256), num_classes=10):
        super().__init__()
        layers = []
        for size in hidden_sizes:
            layers.append(nn.Linear(input_size, size))
            layers.append(nn.ReLU())
        layers.append(nn.Linear(hidden_sizes[-1] if hidden_sizes else input_size, num_classes))
        self.network = nn.Sequential(*layers)

    def forward(self, x):
        return self.network(x.view(x.size(0), -1))
