# exercise: mlp_classifier
# kind: wrong
# fails: test_mlp_classifier
# why: keeps the layers in a plain Python list: nothing is registered, the model has no parameters to train
class MLPClassifier(nn.Module):
    def __init__(self, input_size=3072, hidden_sizes=(512, 256), num_classes=10):
        super().__init__()
        self.network = []
        previous = input_size
        for size in hidden_sizes:
            self.network += [nn.Linear(previous, size), nn.ReLU()]
            previous = size
        self.network.append(nn.Linear(previous, num_classes))

    def forward(self, x):
        x = x.view(x.size(0), -1)
        for layer in self.network:
            x = layer(x)
        return x
