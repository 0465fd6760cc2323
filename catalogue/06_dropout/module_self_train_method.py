# exercise: dropout_module
# kind: wrong
# fails: test_dropout_module
# why: passes self.train (a method, always truthy) instead of the flag self.training, so eval mode still drops
# names: forward must pass the module's own flag self.training
class Dropout(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p

    def forward(self, x):
        return dropout(x, self.p, self.train)
