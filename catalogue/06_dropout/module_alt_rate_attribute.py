# exercise: dropout_module
# kind: alternative
# why: stores the rate under another name, validates it early, and passes keyword arguments
class Dropout(nn.Module):
    def __init__(self, p):
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(f"p must be in [0, 1], got {p}")
        self.rate = float(p)

    def forward(self, x):
        return dropout(x, p=self.rate, training=self.training)

    def extra_repr(self):
        return f"p={self.rate}"
