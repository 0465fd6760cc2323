# exercise: dropout
# kind: wrong
# fails: test_dropout_by_hand
# why: calls PyTorch's own dropout, which the exercise forbids
def dropout(x, p, training=True):
    return torch.nn.functional.dropout(x, p, training)
