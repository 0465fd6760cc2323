# exercise: EarlyStopping
# kind: wrong
# fails: test_early_stopping
# why: the counter is never reset on an improvement, so it counts all bad epochs since the start
# names: the counter is not reset
class EarlyStopping:
    def __init__(self, patience=5, min_delta=0.0):
        self.patience = patience
        self.min_delta = min_delta
        self.best_loss = float("inf")
        self.best_epoch = None
        self.best_state = None
        self.counter = 0
        self.epoch = 0

    def step(self, val_loss, model):
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss = val_loss
            self.best_epoch = self.epoch
            self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.counter += 1
        self.epoch += 1
        return self.counter >= self.patience

    def restore(self, model):
        model.load_state_dict(self.best_state)
