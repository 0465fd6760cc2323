# exercise: l2_penalty
# kind: wrong
# fails: test_l2_penalty test_l2_penalty_grad
# why: returns a Python float via .item(), which autograd cannot differentiate
def l2_penalty(model, lam):
    return lam / 2 * sum((p ** 2).sum().item() for p in model.parameters())
