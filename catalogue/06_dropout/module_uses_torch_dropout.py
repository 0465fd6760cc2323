# exercise: dropout_module
# kind: wrong
# fails: test_dropout_module
# why: delegates to PyTorch's nn.functional.dropout instead of the dropout written above
class Dropout(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        return nn.functional.dropout(x, self.p, self.training)
