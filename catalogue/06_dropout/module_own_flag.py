# exercise: dropout_module
# kind: wrong
# fails: test_dropout_module
# why: keeps its own is_training flag, which model.eval() / model.train() never touch
# names: forward must pass the module's own flag self.training
class Dropout(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p
        self.is_training = True

    def forward(self, x):
        return dropout(x, self.p, self.is_training)
