# exercise: linear_classifier
# kind: wrong
# fails: test_linear_classifier
# why: x.flatten() also flattens the batch dimension; only works (badly shaped) for one image
class LinearClassifier(nn.Module):
    def __init__(self, input_size=3072, num_classes=10):
        super().__init__()
        self.fc = nn.Linear(input_size, num_classes)

    def forward(self, x):
        return self.fc(x.flatten())
