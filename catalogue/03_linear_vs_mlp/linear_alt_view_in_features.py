# exercise: linear_classifier
# kind: alternative
# why: view(-1, in_features) with the size read back from the layer; torch.flatten would do too
class LinearClassifier(nn.Module):
    def __init__(self, input_size=3072, num_classes=10):
        super(LinearClassifier, self).__init__()
        self.fc = nn.Linear(input_size, num_classes)

    def forward(self, x):
        x = x.contiguous().view(-1, self.fc.in_features)
        return self.fc(x)
