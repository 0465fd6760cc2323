# exercise: l2_penalty
# kind: alternative
# why: a loop over the parameters adding squared vector norms
def l2_penalty(model, lam):
    total = 0.0
    for p in model.parameters():
        total = total + torch.linalg.vector_norm(p) ** 2
    return lam * total / 2
