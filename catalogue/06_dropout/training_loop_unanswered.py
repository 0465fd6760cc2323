# exercise: training_loop
# kind: alternative
# why: the ungraded cell for the student's own loop of assignment 3 left as released: it earns no points and no graded cell depends on it, so nothing is lost
def train_model(model, loader, loss_fn, optimizer, num_epochs, device="cpu"):
    """Your train_model of assignment 3: {"train_loss": [...], "train_acc": [...]}, one value per epoch."""
    # YOUR CODE HERE
    raise NotImplementedError()


def evaluate_model(model, loader, device="cpu"):
    """Your evaluate_model of assignment 3: the fraction of the loader's examples classified correctly."""
    # YOUR CODE HERE
    raise NotImplementedError()
