# exercise: l2_penalty
# kind: wrong
# fails: test_l2_penalty test_l2_penalty_grad
# why: adds up the norms of the tensors instead of the squares of their entries
# names: norms
def l2_penalty(model, lam):
    return lam / 2 * sum(p.norm() for p in model.parameters())
