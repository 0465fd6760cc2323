# exercise: evaluate_model
# kind: wrong
# fails: test_evaluate_model
# why: averages per-batch accuracies, which is wrong whenever batches differ in size
# names: weights them equally; count examples
def evaluate_model(model, loader, device="cpu"):
    model.eval()
    accs = []
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            accs.append((model(images).argmax(1) == labels).float().mean().item())
    return sum(accs) / len(accs)
