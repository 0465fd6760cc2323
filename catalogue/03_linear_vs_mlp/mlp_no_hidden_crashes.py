# exercise: mlp_classifier
# kind: wrong
# fails: test_mlp_classifier
# why: sizes the output layer from hidden_sizes[-1], which fails for hidden_sizes=() (the linear model)
class MLPClassifier(nn.Module):
    def __init__(self, input_size=3072, hidden_sizes=(512, 256), num_classes=10):
        super().__init__()
        layers = [nn.Linear(input_size, hidden_sizes[0]), nn.ReLU()]
        for a, b in zip(hidden_sizes[:-1], hidden_sizes[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
        layers.append(nn.Linear(hidden_sizes[-1], num_classes))
        self.network = nn.Sequential(*layers)

    def forward(self, x):
        return self.network(x.view(x.size(0), -1))
