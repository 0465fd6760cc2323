# exercise: dropout
# kind: wrong
# fails: test_dropout_by_hand
# why: hides the forbidden call behind an nn.Dropout layer created inside the function
from torch.nn import Dropout as _TorchDropout

def dropout(x, p, training=True):
    layer = _TorchDropout(p)
    layer.train(training)
    return layer(x)
