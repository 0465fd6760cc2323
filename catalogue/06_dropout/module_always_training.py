# exercise: dropout_module
# kind: wrong
# fails: test_dropout_module
# why: calls dropout with its default training=True, ignoring the module's mode
# names: forward must pass the module's own flag self.training
class Dropout(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        return dropout(x, self.p)
