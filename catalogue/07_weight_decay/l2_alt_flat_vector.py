# exercise: l2_penalty
# kind: alternative
# why: all parameters flattened into one vector, the sum of squares as a dot product
def l2_penalty(model, lam):
    theta = torch.cat([p.reshape(-1) for p in model.parameters()])
    return 0.5 * lam * torch.dot(theta, theta)
