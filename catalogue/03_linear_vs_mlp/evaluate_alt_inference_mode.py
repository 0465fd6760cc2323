# exercise: evaluate_model
# kind: alternative
# why: torch.inference_mode() (a stricter no_grad) as a decorator, concatenating predictions
@torch.inference_mode()
def evaluate_model(model, loader, device="cpu"):
    model.eval()
    predictions, targets = [], []
    for images, labels in loader:
        predictions.append(model(images.to(device)).argmax(dim=1).cpu())
        targets.append(labels.to(device).cpu())
    return (torch.cat(predictions) == torch.cat(targets)).double().mean().item()
