# exercise: evaluate_model
# kind: alternative
# why: returns a 0-d tensor (the spec allows it) and uses the torch.no_grad() decorator
@torch.no_grad()
def evaluate_model(model, loader, device="cpu"):
    model.eval()
    correct = torch.tensor(0)
    seen = 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        correct += (model(images).max(dim=1).indices == labels).sum().cpu()
        seen += labels.shape[0]
    return correct.double() / seen
