"""What the prose of 05 claims, checked on the student-size run of the reference solution."""
_TRUTH = "__import__('course.toy_data', fromlist=['regression_task_truth']).regression_task_truth"
_GRID = "torch.linspace(task.low, task.high, 400).view(-1, 1)"
_INSIDE = f"(({_GRID} >= x_train.min()) & ({_GRID} <= x_train.max())).view(-1)"


def _error(model):
    """Absolute error of ``model`` against the truth on a grid over the task's range."""
    return f"(({model})({_GRID}).detach() - {_TRUTH}({_GRID})).abs().view(-1)"


CLAIMS = [
    # Section 1: the recorded run.
    ("the recorded training loss falls all the way",
     "all(a >= b for a, b in zip(run['train_loss'], run['train_loss'][1:]))"),
    ("the recorded validation loss falls, with bumps, to its lowest at the printed epoch, then climbs",
     "0 < turn < len(run['val_loss']) - 20 and run['val_loss'][-1] > run['val_loss'][turn] + 0.1"
     " and any(b > a for a, b in zip(run['val_loss'][:turn], run['val_loss'][1:turn]))"),
    # Section 3: the two rules on the recorded curve (the prose names these epochs).
    ("patience 3: early stopping stops at epoch 12 and restores epoch 9",
     "stop_on_curve(run['val_loss'], 3) == (9, 12)"),
    ("patience 3: the consecutive-increases rule runs on until epoch 33 and keeps a clearly worse model",
     "consecutive_increases_stop(run['val_loss'], 3) == 33 and run['val_loss'][33] > run['val_loss'][9] + 0.05"),
    ("patience 1: both rules stop at the first bump, epoch 6",
     "stop_on_curve(run['val_loss'], 1)[1] == 6 == consecutive_increases_stop(run['val_loss'], 1)"),
    ("patience 2: both stop at epoch 11, only early stopping hands back epoch 9",
     "stop_on_curve(run['val_loss'], 2) == (9, 11) and consecutive_increases_stop(run['val_loss'], 2) == 11"),
    ("patience 3 to 5: the consecutive rule runs far past the minimum",
     "all(consecutive_increases_stop(run['val_loss'], p) in (None,) + tuple(range(30, 80)) for p in (3, 4, 5))"),
    ("patience 6 or more: early stopping finds the later, slightly lower minimum at epoch 15",
     "all(stop_on_curve(run['val_loss'], p)[0] == 15 for p in range(6, 21))"
     " and run['val_loss'][15] < run['val_loss'][9]"),
    ("min_delta 0.02: the best epoch moves earlier",
     "stop_on_curve(run['val_loss'], 3, 0.02)[0] < stop_on_curve(run['val_loss'], 3)[0]"),
    ("with the same count, consecutive increases never stop before the patience rule",
     "all(consecutive_increases_stop(run['val_loss'], p) is None"
     " or consecutive_increases_stop(run['val_loss'], p) >= stop_on_curve(run['val_loss'], p)[1] for p in range(1, 21))"),
    # Section 5: fifteen points.
    ("the validation loss turns upwards after a few dozen full-batch Adam steps (course.toy_data)",
     "10 <= regression_best <= 100"),
    ("at its lowest the validation loss is close to the noise level 0.16",
     "0.16 < history['val_loss'][regression_best] < 0.32"),
    ("from then on the training loss keeps falling, below the noise level, while the validation loss climbs",
     "history['train_loss'][-1] < min(0.16, history['train_loss'][regression_best] / 2)"
     " and history['val_loss'][-1] > 1.5 * history['val_loss'][regression_best]"),
    ("the last model bends most wildly beyond the outermost training points",
     f"{_error('last_model')}[~{_INSIDE}].max() > 2 * {_error('last_model')}[{_INSIDE}].max()"),
    ("the restored model is closer to the truth than the last one",
     f"({_error('model')} ** 2).mean() < ({_error('last_model')} ** 2).mean()"),
    ("the restored model is the one of the lowest validation loss",
     "abs(nn.MSELoss()(model(x_val), y_val).item() - history['val_loss'][regression_best]) < 1e-5"),
    # Section 5: real digits.
    ("the live digit run has the setting of the recorded run (its validation curve)",
     "max(abs(a - b) for a, b in zip(full['val_loss'], run['val_loss'])) < 0.05"),
    ("the early-stopped run coincides with the beginning of the full run",
     "curves_differ_by < 1e-6"),
    ("early stopping stops the digit run early, patience epochs after its best",
     "result['stopped_epoch'] == result['best_epoch'] + digit_patience < digit_epochs - 1"),
    ("the early-stopped model's test loss is clearly lower than that of the model trained to the end",
     "on_test['stopped'][0] < 0.9 * on_test['full'][0]"),
    ("the two models' test accuracies are close",
     "abs(on_test['stopped'][1] - on_test['full'][1]) < 0.03"),
    # Section 6.
    ("teams choosing on the validation set report exactly what their model does on other digits",
     "abs(per_team[by_val].mean() - on_other_digits[by_val].mean()) < 1e-6"),
    ("teams choosing on their own test digits report a clearly lower loss than they achieve elsewhere",
     "per_team[by_own_test, team].mean() < on_other_digits[by_own_test, team].mean() - 0.02"),
    ("their models are also worse",
     "on_other_digits[by_own_test, team].mean() > on_other_digits[by_val].mean()"),
    ("picking the best of 60 noisy numbers reports a loss well below the true 0.60",
     "measured.min(dim=1).values.mean() < 0.57"),
]
