# exercise: linear_classifier
# kind: wrong
# fails: test_linear_classifier
# why: returns softmax probabilities instead of raw scores (the loss then applies softmax twice)
# names: softmax was applied
class LinearClassifier(nn.Module):
    def __init__(self, input_size=3072, num_classes=10):
        super().__init__()
        self.fc = nn.Linear(input_size, num_classes)

    def forward(self, x):
        return torch.softmax(self.fc(x.view(x.size(0), -1)), dim=1)
