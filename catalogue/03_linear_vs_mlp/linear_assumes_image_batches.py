# exercise: linear_classifier
# kind: wrong
# fails: test_linear_classifier
# why: multiplies out exactly three trailing dimensions, so inputs that are already flat (N, features) fail
class LinearClassifier(nn.Module):
    def __init__(self, input_size=3072, num_classes=10):
        super().__init__()
        self.fc = nn.Linear(input_size, num_classes)

    def forward(self, x):
        n, c, h, w = x.shape
        return self.fc(x.reshape(n, c * h * w))
