# exercise: EarlyStopping
# kind: alternative
# why: clones each tensor of the state_dict instead of deepcopy, compares the gain with min_delta, counts calls in a list
class EarlyStopping:
    def __init__(self, patience=5, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best_loss, self.best_epoch, self.best_state = float("inf"), None, None
        self.counter = 0
        self.history = []

    def step(self, val_loss, model):
        self.history.append(float(val_loss))
        if self.best_loss - self.history[-1] > self.min_delta:
            self.best_loss = self.history[-1]
            self.best_epoch = len(self.history) - 1
            self.best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            self.counter = 0
            return False
        self.counter += 1
        return self.counter >= self.patience

    def restore(self, model):
        with torch.no_grad():
            for name, tensor in model.state_dict().items():
                tensor.copy_(self.best_state[name])
