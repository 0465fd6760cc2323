# exercise: l2_penalty
# kind: wrong
# fails: test_l2_penalty test_l2_penalty_grad
# why: forgets the 1/2, so the gradient is 2 * lam * theta
# names: the factor 1/2 is missing
def l2_penalty(model, lam):
    return lam * sum((p ** 2).sum() for p in model.parameters())
