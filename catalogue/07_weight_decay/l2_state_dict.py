# exercise: l2_penalty
# kind: wrong
# fails: test_l2_penalty test_l2_penalty_grad
# why: sums over state_dict(): detached tensors, and buffers such as running statistics are included
# names: buffers (batch norm's running statistics) are included
def l2_penalty(model, lam):
    return lam / 2 * sum((t ** 2).sum() for t in model.state_dict().values() if t.is_floating_point())
