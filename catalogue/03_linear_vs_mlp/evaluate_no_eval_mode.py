# exercise: evaluate_model
# kind: wrong
# fails: test_evaluate_model_modes
# why: forgets model.eval(), so dropout (and batch norm) still behave as in training
# names: the model was evaluated in train mode
def evaluate_model(model, loader, device="cpu"):
    correct, seen = 0, 0
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            correct += (model(images).argmax(1) == labels).sum().item()
            seen += len(labels)
    return correct / seen
