"""Hidden tests of 05_early_stopping: one per graded test cell (see ``tools.hidden_tests``).

``train_with_early_stopping`` is graded with the reference ``EarlyStopping`` in the worker, so
a mistake in the class costs the class's points only. Its runs are checked by their effects:
the worker gets the starting weights and batches by value, the probe returns what the
student's loop returned and the model's and optimizer's states afterwards, and the expected
run is computed here with the reference from the same weights and batches (``runs``).
"""
import torch

from course.checks import check, check_close
from tools.hidden_tests.harness import Suite
from tools.hidden_tests.a05_early_stopping import probes, reference as ref, runs
from tools.hidden_tests.a05_early_stopping.compare import check_state, compare, probe, same_values
from tools.hidden_tests.a05_early_stopping.training import check_run

suite = Suite(reference=ref, probes=probes, exercises={
    "EarlyStopping": [],
    "two_rules": [],
    "train_with_early_stopping": ["EarlyStopping"],
})
FLOAT64 = {"rtol": 1e-9, "atol": 1e-12}
FLOAT32 = {"rtol": 1e-5, "atol": 1e-7}


# --- EarlyStopping --------------------------------------------------------------------------

RULE_CASES = [
    # (args, kwargs, patience, min_delta, how it is built, losses); all but the worked example's exact in binary
    ((), {"patience": 2}, 2, 0.0, "EarlyStopping(patience=2)", [1.0, 0.8, 0.9, 0.85]),   # the notebook's example
    ((), {"patience": 3}, 3, 0.0, "EarlyStopping(patience=3)",
     [1.0, 0.75, 0.75, 0.5, 0.625, 0.5, 0.625, 0.25, 0.375, 0.5, 0.5]),
    ((), {"patience": 2, "min_delta": 0.25}, 2, 0.25, "EarlyStopping(patience=2, min_delta=0.25)",
     [2.0, 1.75, 1.5, 1.375, 1.25, 1.0, 1.125]),
    ((2,), {}, 2, 0.0, "EarlyStopping(2)", [0.5, 0.5, 0.5, 0.25]),
    ((), {}, 5, 0.0, "EarlyStopping() (defaults)", [3.0, 2.0, 2.5, 2.5, 2.5, 2.5, 2.5, 1.0]),
    ((1, 0.0625), {}, 1, 0.0625, "EarlyStopping(1, 0.0625)", [1.0, 0.875, 0.8125, 0.8125, 0.5]),
]
RULE_MISTAKES = {
    "min_delta is ignored: an improvement must beat best_loss - min_delta.": {"ignore_min_delta": True},
    "an equal loss was counted as an improvement; it must be strictly lower than best_loss - min_delta.":
        {"ties_improve": True},
    "stopping one epoch late: return counter >= patience, not counter > patience.": {"extra": 1},
    "stopping one epoch early: return counter >= patience.": {"extra": -1},
    "best_epoch is 1-based; it is the number of earlier step calls (0 on the first call).": {"one_based": True},
    "the counter is not reset to 0 on an improvement.": {"no_reset": True},
}
COLUMNS = ((0, "what step returned after each call (1 = stop)"), (2, "best_epoch after each call"),
           (1, "counter after each call"), (3, "best_loss after each call"))   # indices into patience_rule's rows


def _state_start(seed):
    """A starting state for ``probes.state_model``: every float tensor drawn in [0.5, 1.5)."""
    gen = torch.Generator().manual_seed(seed)
    return {key: torch.rand(value.shape, generator=gen, dtype=torch.float64) + 0.5 if value.is_floating_point() else value
            for key, value in probes.new_state_model().state_dict().items()}


def _column(rows, k):
    """Column ``k`` of the rows as check_close reads it: a stop decision as 1 or 0, no best epoch yet (None) as -1."""
    return [-1.0 if row[k] is None else float(row[k]) if type(row[k]) is bool else row[k] for row in rows]


def _mistakes_like(got, losses, patience, min_delta):
    """(mistake, rows) for each usual mistake whose rows, every column, are the student's."""
    for description, mistake in RULE_MISTAKES.items():
        rows = ref.patience_rule(losses, patience, min_delta, **mistake)
        if all(same_values(_column(got, k), _column(rows, k), rtol=0, atol=1e-12) for k, _ in COLUMNS):
            yield description, rows


@suite.test("test_early_stopping", exercise="EarlyStopping")
def test_early_stopping(student):
    start = _state_start(514)
    for args, kwargs, patience, min_delta, how, losses in RULE_CASES:
        rows = probe(student, "step_through", list(args), kwargs, losses, start)["rows"]
        where = f"{how} fed {losses}"
        for row in rows:
            check(row["returned"] is True or row["returned"] is False,
                  f"step must return True or False, got {row['returned']!r} ({where}).")
            for name in ("best_epoch", "counter", "best_loss"):
                check(name in row, f"EarlyStopping has no attribute '{name}' after step ({where}).")
        got = [(row["returned"], row["counter"], row["best_epoch"], row["best_loss"]) for row in rows]
        expected = ref.patience_rule(losses, patience, min_delta)
        for k, what in COLUMNS:
            compare(f"{what}, {where}", _column(got, k), _column(expected, k), lambda: {
                description: _column(rows, k) for description, rows in _mistakes_like(got, losses, patience, min_delta)},
                rtol=0, atol=1e-12)


@suite.test("test_early_stopping_state", exercise="EarlyStopping")
def test_early_stopping_state(student):
    losses, patience = [1.0, 0.5, 0.75, 0.625, 0.875], 3      # best at epoch 1, stop at epoch 4
    start, other_start = _state_start(515), _state_start(516)
    report = probe(student, "keep_and_restore", patience, losses, start, other_start)
    model, seen = probes.state_model(start), []           # the states the probe's model goes through
    for epoch in range(len(losses)):
        seen.append(probes.state_of(model))
        probes.advance(model, 1.0 + epoch)
    live = probes.state_of(model)
    alias = ("best_state changed along with the model: model.state_dict() (and dict(...) or copy.copy of it) "
             "holds the live tensors; store copy.deepcopy(model.state_dict()).")
    for step, (row, (_, _, best, _)) in enumerate(zip(report["rows"], ref.patience_rule(losses, patience))):
        name = f"best_state after step call {step + 1} (validation losses {losses[:step + 1]})"
        check(row["best_state"] is not None, f"{name} is still None after an improvement.")
        check_state(name, row["best_state"], seen[best], lambda: {alias: seen[step]}, rtol=0, atol=1e-12)
    best_state = seen[1]
    check_state("the model's state after restore", report["restored"], best_state,
                lambda: {"restore did not bring back the best weights.": live}, rtol=0, atol=1e-12)
    advanced = probes.state_model(best_state)
    probes.advance(advanced, 10.0)
    check_state("the model's state after training on and restoring again", report["restored_again"], best_state,
                lambda: {"after restore the model shares its tensors with best_state (load, do not assign).":
                         probes.state_of(advanced)}, rtol=0, atol=1e-12)
    check_state("a second model after restore", report["other_restored"], best_state,
                lambda: {"restore did not load best_state into the model it was given.": other_start},
                rtol=0, atol=1e-12)


# --- Question 3.1 ---------------------------------------------------------------------------

TWO_RULES_CURVE = [0.90, 0.70, 0.60, 0.62, 0.58, 0.61, 0.63, 0.59, 0.64, 0.66, 0.69, 0.71]
TWO_RULES_ANSWERS = ["consecutive_stop_epoch", "patience_stop_epoch", "restored_epoch"]


@suite.test("test_two_rules", exercise="two_rules", values=TWO_RULES_ANSWERS)
def test_two_rules(student):
    answers = {name: student.value(name) for name in TWO_RULES_ANSWERS}
    for name, value in answers.items():
        check(type(value) is int, f"{name} should be an int (an epoch index).")
    consecutive = ref.consecutive_increases_stop(TWO_RULES_CURVE, 3)
    restored, stop = ref.best_and_stop(TWO_RULES_CURVE, 3)
    one_based = "epochs are 0-based here (the first epoch is epoch 0)."
    check_close("consecutive_stop_epoch", answers["consecutive_stop_epoch"], consecutive, likely={
        one_based: consecutive + 1,
        "a dip (0.59 at epoch 7) resets the count of consecutive increases.": 6,
    })
    check_close("patience_stop_epoch", answers["patience_stop_epoch"], stop, likely={
        one_based: stop + 1,
        "that is where the consecutive-increases rule stops; patience counts epochs since the best, "
        "and 0.59 at epoch 7 is not below the best 0.58.": consecutive,
    })
    check_close("restored_epoch", answers["restored_epoch"], restored, likely={
        one_based: restored + 1,
        "early stopping hands back the best epoch's weights, not the stopping epoch's.": stop,
    })


# --- train_with_early_stopping --------------------------------------------------------------

@suite.test("test_train_with_early_stopping", exercise="train_with_early_stopping")
def test_train_with_early_stopping(student):
    check_run(student, runs.worked_example(), 300, 5, FLOAT32, worked_example=True,
              where="the notebook's example (the 15-point regression, a 1-30-30-1 network, Adam, patience 5, "
                    "max_epochs 300)")
    script = [1.0, 0.75, 0.75, 0.5, 0.625, 0.5, 0.625, 0.875, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875]
    _check_scripted_run(student, 570, script, 3, 14, "an early stop after a tie")


@suite.test("test_train_with_early_stopping_modes", exercise="train_with_early_stopping")
def test_train_with_early_stopping_modes(student):
    # Every epoch improves and patience outlasts max_epochs, so the last epoch is the one kept
    # whatever the loop's stopping and restoring do: what remains to differ is how it trains.
    setup = runs.scripted(584, [1.0, 0.75, 0.5, 0.375], model="batchnorm", val_sizes=(4, 2))
    report = probe(student, "train", setup, 4, 4)

    def mistaken(**mistake):
        return runs.Expected(setup, 4, 4, **mistake).kept()
    check_state("the state of the returned model (linear, batch norm, ReLU, linear; four epochs, each better than "
                "the last)", report["state"], runs.Expected(setup, 4, 4).kept(), lambda: {
        "a validation batch went through the model in training mode: validate after model.eval() (dropout and batch "
        "norm behave differently in eval mode; here BatchNorm's running statistics took in the validation batches).":
            mistaken(validate_in_train_mode=True),
        "a training batch went through the model in eval mode: call model.train() at the start of every epoch "
        "(validation switched it to eval).": mistaken(train_mode_once=True),
        "each epoch trains first, then validates: the weights kept are those from before the epoch's training.":
            mistaken(validate_first=True)}, **FLOAT64)
    # Validating with gradients enabled changes no weight, so only the probe's record can tell.
    for size, _, grad_enabled in report["forwards"]:
        check(size in runs.TRAIN_SIZES or grad_enabled is False,
              "a validation batch went through the model with gradients enabled: validate under torch.no_grad().")


@suite.test("test_train_with_early_stopping_max_epochs", exercise="train_with_early_stopping")
def test_train_with_early_stopping_max_epochs(student):
    _check_scripted_run(student, 580, [1.0, 0.5, 0.75, 0.375, 0.5], 3, 5, "max_epochs runs out before patience does",
                        histories=False)
    _check_scripted_run(student, 581, [0.5, 0.25, 0.375, 0.125, 0.0625, 0.03125], 1, 6, "patience 1", histories=False)
    _check_scripted_run(student, 582, [0.5, 0.25, 0.125, 0.0625], 2, 4, "a loss that improves every epoch",
                        histories=False)


def _check_scripted_run(student, seed, script, patience, max_epochs, label, histories=True):
    where = f"{label} (patience {patience}, max_epochs {max_epochs}, validation losses {script[:max_epochs]})"
    check_run(student, runs.scripted(seed, script), max_epochs, patience, FLOAT64, where=where, histories=histories)
