# exercise: l2_penalty
# kind: wrong
# fails: test_l2_penalty test_l2_penalty_grad
# why: penalises only the parameters named "weight", leaving the biases out
# names: the bias is left out
def l2_penalty(model, lam):
    return lam / 2 * sum((p ** 2).sum() for name, p in model.named_parameters() if "weight" in name)
