# exercise: dropout_module
# kind: wrong
# fails: test_dropout_module
# why: ignores the p it was given and always drops half
class Dropout(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        return dropout(x, 0.5, self.training)
