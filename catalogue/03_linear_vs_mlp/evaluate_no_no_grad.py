# exercise: evaluate_model
# kind: wrong
# fails: test_evaluate_model_modes
# why: evaluates with gradients enabled, building a graph nobody uses (memory and time)
def evaluate_model(model, loader, device="cpu"):
    model.eval()
    correct, seen = 0, 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        correct += (model(images).argmax(1) == labels).sum().item()
        seen += len(labels)
    return correct / seen
