# exercise: training_loop
# kind: alternative
# why: a broken paste into the ungraded cell (a syntax error, and a loop that never zeroes the gradients): the experiments fail or mislead, but no graded cell depends on the cell, so nothing is lost
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    history = {"train_loss": [], "train_acc": []}
    for _ in range(num_epochs):
        for images, labels in loader:
            loss = loss_fn(model(images), labels)
            loss.backward()
            optimizer.step()
    return history


def evaluate_model(model, loader, device="cpu")
    return 0.5
