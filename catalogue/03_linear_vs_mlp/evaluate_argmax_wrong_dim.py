# exercise: evaluate_model
# kind: wrong
# fails: test_evaluate_model
# why: takes argmax over the batch dimension (dim 0) instead of over the classes
def evaluate_model(model, loader, device="cpu"):
    model.eval()
    correct, seen = 0, 0
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            predicted = model(images).argmax(0)
            correct += (predicted[:len(labels)] == labels[:len(predicted)]).sum().item()
            seen += len(labels)
    return correct / seen
