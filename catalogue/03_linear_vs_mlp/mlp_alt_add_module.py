# exercise: mlp_classifier
# kind: alternative
# why: starts from an empty nn.Sequential and appends layers to it; one shared ReLU instance
class MLPClassifier(nn.Module):
    def __init__(self, input_size=3072, hidden_sizes=(512, 256), num_classes=10):
        super().__init__()
        self.network = nn.Sequential()
        relu = nn.ReLU()
        width = input_size
        for size in hidden_sizes:
            self.network.append(nn.Linear(width, size))
            self.network.append(relu)
            width = size
        self.network.append(nn.Linear(width, num_classes))

    def forward(self, x):
        return self.network(x.reshape(len(x), -1))
