"""What the prose of 03 claims, checked on the student-size run of the reference solution."""


def _peak(history):
    """The epoch (0-based) of a history's highest validation accuracy, as an expression."""
    return f"max(range(len({history}['val_acc'])), key=lambda e: {history}['val_acc'][e])"


CLAIMS = [
    ("offline, the synthetic classes are named class 0 to class 9, not airplane or cat",
     "train_set.synthetic and train_set.class_names == tuple(f'class {i}' for i in range(10))"),
    ("the validation images are other images of the training split than the 2,000 training images",
     "len(train_set) == 2000 and len(val_set) == 1000 and len(test_set) == 2000"
     " and torch.cdist(val_set.tensors[0].flatten(1), train_set.tensors[0].flatten(1)).min() > 0"),
    ("two stacked Linear layers equal one Linear with W = W2 W1, b = W2 b1 + b2 (up to rounding)",
     "stacked_vs_merged < 1e-4"),
    ("with a ReLU between them, the merged layer no longer reproduces the scores",
     "relu_vs_merged > 0.05"),
    ("the MLP fits its training images far better than the linear classifier",
     "mlp_history['train_acc'][-1] > linear_history['train_acc'][-1] + 0.1"
     " and mlp_history['train_loss'][-1] < linear_history['train_loss'][-1] / 10"),
    ("the MLP's training accuracy approaches 100% (it memorises the training set)",
     "accuracy['MLP']['training'] > 0.97"),
    ("the MLP's training accuracy is far above its test accuracy",
     "accuracy['MLP']['training'] - accuracy['MLP']['test'] > 0.3"),
    ("the MLP opens a larger gap than the linear classifier",
     "mlp_gap > linear_gap"),
    ("both models do better than chance (10%) on the test images",
     "min(accuracy['MLP']['test'], accuracy['linear classifier']['test']) > 0.15"),
    ("both validation accuracies peaked well before the last epoch",
     f"{_peak('linear_history')} < EPOCHS - 10 and {_peak('mlp_history')} < EPOCHS - 10"),
    ("after the peak, the later epochs bought training accuracy or a lower training loss, not validation accuracy",
     " and ".join(f"({h}['train_acc'][-1] > {h}['train_acc'][{_peak(h)}] + 0.05"
                  f" or {h}['train_loss'][-1] < {h}['train_loss'][{_peak(h)}] / 2)"
                  for h in ("linear_history", "mlp_history"))),
    ("most templates correlate best with the average image of their own class",
     "own_class_templates >= 7"),
    ("the MLP is confident on training images, and still confident on validation images it gets wrong",
     "mlp_confidence['training'] > 0.95 and mlp_confidence['validation, wrong'] > 0.5"),
]
