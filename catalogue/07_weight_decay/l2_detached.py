# exercise: l2_penalty
# kind: wrong
# fails: test_l2_penalty_grad
# why: the right number, but computed from detached tensors, so no gradient reaches the parameters
def l2_penalty(model, lam):
    return lam / 2 * sum((p.detach() ** 2).sum() for p in model.parameters())
