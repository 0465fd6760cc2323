# exercise: linear_classifier
# kind: wrong
# fails: test_linear_classifier
# why: hard-codes CIFAR's 3072 inputs and 10 classes, ignoring the constructor's arguments
# names: the sizes are fixed at 3072 and 10
class LinearClassifier(nn.Module):
    def __init__(self, input_size=3072, num_classes=10):
        super().__init__()
        self.fc = nn.Linear(3072, 10)

    def forward(self, x):
        return self.fc(x.view(x.size(0), 3072))
