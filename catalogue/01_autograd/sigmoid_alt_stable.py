# exercise: sigmoid
# kind: alternative
# why: numerically stable two-branch formula with torch.where
def sigmoid(z):
    e = torch.exp(-torch.abs(z))
    return torch.where(z >= 0, 1 / (1 + e), e / (1 + e))
