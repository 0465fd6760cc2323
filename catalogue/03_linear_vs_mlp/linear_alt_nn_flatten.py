# exercise: linear_classifier
# kind: alternative
# why: an nn.Flatten layer (no parameters) in front of fc
class LinearClassifier(nn.Module):
    def __init__(self, input_size=3072, num_classes=10):
        super().__init__()
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(input_size, num_classes)

    def forward(self, x):
        return self.fc(self.flatten(x))
