"""The checks of one run of the student's ``train_with_early_stopping`` against the reference run
of the same set-up (``runs.Expected``): the epochs it reports, the losses, the training steps it
took (the optimizer's state after the run) and the weights it hands back."""
from course.checks import check, check_close
from tools.hidden_tests.a05_early_stopping import reference as ref, runs
from tools.hidden_tests.a05_early_stopping.compare import check_state, compare, kind, probe, same_state

RESULT_KEYS = ("train_loss", "val_loss", "best_epoch", "stopped_epoch")
TIES = "an equal validation loss was counted as an improvement (it must be strictly lower than the best)."
WATCHES_TRAIN = "the training loss decides {}; early stopping watches the validation loss."
WAITS_LONGER = "the rule waits one epoch too many: stop once the epochs without improvement reach patience."
VALIDATES_FIRST = "each epoch trains first, then validates"
# Losses may be averaged in another precision than the model's (torch.tensor(losses).mean() is
# float32); the weights the tests compare come from the optimizer and keep the run's tolerance.
LOSS_TOLERANCE = {"rtol": 1e-6, "atol": 1e-9}


def check_run(student, setup, max_epochs, patience, tolerance, where, histories=True, worked_example=False):
    report = probe(student, "train", setup, max_epochs, patience)
    result = report["result"]
    expected = runs.Expected(setup, max_epochs, patience)
    check(isinstance(result, dict), f"{where}: train_with_early_stopping must return a dict, got {kind(result)}.")
    for key in RESULT_KEYS:
        check(key in result, f"{where}: the result has no key '{key}'.")
    if worked_example:
        _check_form(result)
    reported = (_length(result["val_loss"]), _length(result["train_loss"]))
    if histories and all(reported):      # first what the epochs that ran measured, then how many ran
        _check_histories(result, expected, setup, where, ran=min(*reported, expected.stop + 1), prefix=True)
    _check_epochs(result, report["state"], expected, tolerance, where)
    stop = expected.stop
    check_close(f"the optimizer's state after the run (it tells how many training steps ran), {where}",
                _flat(report["optimizer"]), _flat(expected.epochs[stop]["optimizer"]), **tolerance, likely={
        "training continued for an epoch after early stopping said stop.":
            _flat(expected.epochs[min(stop + 1, len(expected.epochs) - 1)]["optimizer"])})
    check_close(f"validation passes run (iterations of val_loader), {where}", report["val_passes"], stop + 1)
    if histories:
        _check_histories(result, expected, setup, where, ran=stop + 1)
    check_state(f"the returned model (it should hold the weights after epoch {expected.best}), {where}",
                report["state"], expected.kept(), lambda: {
        "the best weights were not restored: the model has the weights of the last epoch.": expected.epochs[stop]["after"],
        f"{VALIDATES_FIRST}: the weights kept are those from before the best epoch's training.":
            runs.Expected(setup, max_epochs, patience, validate_first=True).kept()}, **tolerance)


def _check_form(result):
    """The notebook's own check of the result's form."""
    stopped, best = result["stopped_epoch"], result["best_epoch"]
    check(type(best) is int and type(stopped) is int, "best_epoch and stopped_epoch must be ints.")
    lengths = (_length(result["train_loss"]), _length(result["val_loss"]))
    check(lengths == (stopped + 1, stopped + 1),
          f"stopped_epoch is {stopped}, so each loss list needs {stopped + 1} entries; got {lengths[0]} and "
          f"{lengths[1]}." + (" stopped_epoch is the 0-based index of the last epoch run, one less than the number "
                              "of epochs." if lengths[1] == stopped else ""))


def _check_histories(result, expected, setup, where, ran, prefix=False):
    """The losses of the first ``ran`` epochs; with ``prefix``, of as many of them as were reported."""
    epochs = expected.epochs[:ran]
    reported = {key: result[key][:ran] if prefix else result[key] for key in ("val_loss", "train_loss")}
    compare(f"val_loss, {where}", reported["val_loss"], expected.val[:ran], lambda: {
        "the validation loss must be the mean of the per-batch losses, not weighted by batch size.":
            [e["val_loss_weighted"] for e in epochs],
        f"{VALIDATES_FIRST}: these are the validation losses of the weights from before each epoch's training.":
            runs.Expected(setup, ran, expected.patience, validate_first=True).val[:ran]}, **LOSS_TOLERANCE)
    compare(f"train_loss, {where}", reported["train_loss"], expected.train[:ran], lambda: {
        "the training loss must be the mean of the per-batch losses, not weighted by batch size.":
            [e["train_loss_weighted"] for e in epochs]}, **LOSS_TOLERANCE)


def _check_epochs(result, state, expected, tolerance, where):
    """stopped_epoch and best_epoch; a likely mistake only where the rest of the run agrees with it."""
    best, stop, patience = expected.best, expected.stop, expected.patience
    tie_best, tie_stop = ref.best_and_stop(expected.val, patience, ties_improve=True)

    def by_train_loss():
        return ref.best_and_stop(expected.train_to_the_end(), patience)

    def holds(epoch):
        """Whether the returned model holds the weights the reference run had at ``epoch``."""
        return epoch < len(expected.epochs) and same_state(state, expected.epochs[epoch]["kept"], **tolerance)
    reported_best = result["best_epoch"]
    late_best, late_stop = expected.best_and_stop(patience + 1)
    compare(f"stopped_epoch, {where}", result["stopped_epoch"], stop, lambda: {
        mistake: value for mistake, value, agrees in (
            ("one too many: either training went on for an epoch after step() returned True, or stopped_epoch "
             "counts epochs; it is the 0-based index of the last epoch run.", stop + 1, _is(reported_best, best)),
            (WAITS_LONGER, late_stop, _is(reported_best, late_best)),
            (WATCHES_TRAIN.format("when to stop"), by_train_loss()[1], _is(reported_best, by_train_loss()[0])),
            (TIES, tie_stop, _is(reported_best, tie_best))) if agrees},
        hint=f"Check that the loop stops once {patience} epoch{'s' if patience > 1 else ''} in a row bring no new "
             "best validation loss (or max_epochs run out), and that stopped_epoch is the 0-based index of the "
             "last epoch run.")
    compare(f"best_epoch, {where}", reported_best, best, lambda: {
        mistake: value for mistake, value, agrees in (
            ("best_epoch must be 0-based (an index into the loss lists).", best + 1, holds(best)),
            (WAITS_LONGER, late_best, holds(late_best)),
            (WATCHES_TRAIN.format("which epoch is best"), by_train_loss()[0], holds(by_train_loss()[0])),
            (TIES, tie_best, holds(tie_best))) if agrees},
        hint="best_epoch is the 0-based index of the epoch with the lowest validation loss; check which losses "
             "are compared and when the loop stops.")


def _is(reported, epoch):
    return type(reported) is int and reported == epoch


def _flat(optimizer_state):
    """The tensors of an optimizer's ``state_dict()["state"]``, in order."""
    if not isinstance(optimizer_state, dict):
        return []
    return [value for index in sorted(optimizer_state, key=str) if isinstance(optimizer_state[index], dict)
            for _, value in sorted(optimizer_state[index].items(), key=lambda item: str(item[0]))]


def _length(value):
    return len(value) if isinstance(value, (list, tuple)) or hasattr(value, "shape") and len(value.shape) == 1 else None
