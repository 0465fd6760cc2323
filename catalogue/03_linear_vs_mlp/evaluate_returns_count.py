# exercise: evaluate_model
# kind: wrong
# fails: test_evaluate_model
# why: returns the number of correct examples, not the fraction
# names: the number of correct examples
def evaluate_model(model, loader, device="cpu"):
    model.eval()
    correct = 0
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            correct += (model(images).argmax(1) == labels).sum().item()
    return correct
