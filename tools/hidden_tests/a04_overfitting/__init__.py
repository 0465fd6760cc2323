"""Hidden tests of 04_overfitting: one per graded test cell (see ``tools.hidden_tests``).

``fit`` is judged by what it computes: the worker runs it on a model, loaders, SGD and a loss
built from weights and batches sent by value (``probes.fit_run``) and returns the history, the
parameters and the model's output afterwards; the same run with the reference ``fit`` in this
process gives the expected values. Train/eval mode and ``torch.no_grad`` show in the values:
the models have a dropout layer with a fixed mask, and the loss reads more while autograd records.
"""
import torch

from course.checks import CheckFailed, check, check_close, fail, to_floats
from course.probes import make_batches
from tools.hidden_tests.harness import Suite
from tools.hidden_tests.a04_overfitting import probes, reference as ref
from tools.worker.wire import Opaque

suite = Suite(reference=ref, probes=probes, exercises={
    "split_indices": [],
    "make_mlp": [],
    "fit": [],
    "diagnosis": [],
})


def _kind(value):
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}"
    return value.type_name if isinstance(value, Opaque) else type(value).__name__


# --- split_indices -------------------------------------------------------------------------

SPLIT_CASES = ((100, 0.29, 0.57), (101, 0.15, 0.15), (7, 0.5, 0.0), (50, 0.0, 0.3), (1, 0.0, 0.0), (37, 0.3, 0.3))
PART_NAMES = ("train_idx", "val_idx", "test_idx")


def _index_list(indices, name):
    """The indices as a list of ints (numpy arrays arrive as tensors)."""
    if isinstance(indices, torch.Tensor):
        integers = not indices.is_floating_point() and indices.dtype != torch.bool
        check(indices.dim() == 1 and integers,
              f"{name} should be a 1-D tensor of integer indices, got {indices.dtype} with shape {tuple(indices.shape)}.")
        return indices.tolist()
    if type(indices) not in (list, tuple):
        fail(f"{name} should be a tensor or a list of indices, got {_kind(indices)}.")
    check(all(type(v) is int for v in indices), f"{name} should contain integer indices.")
    return list(indices)


def _partition(parts, n, vf, tf):
    """(train, val, test) as lists, after checking they partition range(n) in the sizes asked for."""
    check(len(parts) == 3 if type(parts) in (tuple, list) else False,
          f"split_indices should return a tuple (train_idx, val_idx, test_idx), got {_kind(parts)}.")
    tr, va, te = (_index_list(p, name) for p, name in zip(parts, PART_NAMES))
    for a, b, names in ((tr, va, "train and validation"), (tr, te, "train and test"), (va, te, "validation and test")):
        shared = set(a) & set(b)
        check(not shared, f"n={n}: {names} share the indices {sorted(shared)[:5]}; the parts must be "
                          "disjoint (cut one permutation into three pieces).")
    expected, got = ref.split_sizes(n, vf, tf), (len(tr), len(va), len(te))
    if got != expected:
        suspects = [mistake for mistake, leaves in (
            (f"round() where the sizes are int(n * fraction), which rounds down ({n}*{vf} = {n * vf!r}).",
             (len(va), len(te)) == (round(n * vf), round(n * tf))),
            ("the training size is what remains, n - n_val - n_test, not int(n * (1 - fractions)).",
             (len(va), len(te)) == expected[1:] and len(tr) == int(n * (1 - vf - tf))),
            ("the parts are returned in the wrong order; return (train_idx, val_idx, test_idx).",
             got[::-1] == expected)) if leaves]
        hint = (f" Likely mistake: {suspects[0]}" if len(suspects) == 1 else
                " Check the sizes: int(n * fraction) for validation and test, the rest for training.")
        fail(f"n={n}, val_fraction={vf}, test_fraction={tf}: expected sizes (train, val, test) = {expected}, got {got}.{hint}")
    everything = tr + va + te
    check(all(0 <= i < n for i in everything), f"n={n}: every index must lie in 0..{n - 1}.")
    check(len(set(everything)) == len(everything),
          f"n={n}: an index appears twice; the three parts must be disjoint (one permutation, cut in three).")
    check(sorted(everything) == list(range(n)), f"n={n}: the three parts must cover all of 0..{n - 1}.")
    return tr, va, te


def _split(student, n, vf, tf, seed):
    return _partition(student.call("split_indices", n, vf, tf, seed=seed), n, vf, tf)


@suite.test("test_split_indices", exercise="split_indices")
def test_split_indices(student):
    example = _split(student, 10, 0.2, 0.1, seed=0)
    check(_split(student, 10, 0.2, 0.1, seed=0) == example, "the same seed must give the same split.")
    for n, vf, tf in SPLIT_CASES:
        first = _split(student, n, vf, tf, seed=3)
        check(_split(student, n, vf, tf, seed=3) == first, f"n={n}: the same seed gave two different splits.")
    under_1, under_2 = (_partition(parts, 60, 0.25, 0.25)
                        for parts in student.probe("split_under_global_seeds", (60, 0.25, 0.25, 11), [1, 2]))
    check(under_1 == under_2, "with the same seed the split changed when the global random state changed: draw "
                              "from your own generator seeded with `seed`.")
    val = [_split(student, 60, 0.25, 0.25, seed=s)[1] for s in (0, 1, 2)]
    check(val[0] != val[1] and val[1] != val[2] and val[0] != val[2],
          "different seeds gave the same validation indices: the split must be random and use the seed.")
    check(sorted(val[0]) != list(range(15)) or sorted(val[1]) != list(range(15)),
          "the validation indices are just the first ones; shuffle before cutting.")


@suite.test("test_split_indices_rng", exercise="split_indices")
def test_split_indices_rng(student):
    first, second = (_numbers(parts) for parts in
                     student.probe("global_draws_after", [(40, 0.2, 0.2, 5), (40, 0.2, 0.2, 5)])["splits"])
    check(first is None or second is None or first == second,
          "two calls with seed=5, one after the other, gave different splits: draw from your own generator "
          "seeded with `seed`, not from the global one.")
    # The draws are the worker's record; no effect outside it could show a changed global state.
    baseline = student.probe("global_draws_after", [])
    after = student.probe("global_draws_after", [(40, 0.2, 0.2, 5), (13, 0.3, 0.0, 6)])
    changed = [name for name in ("torch", "numpy", "random") if to_floats(after[name]) != to_floats(baseline[name])]
    check(changed == [], f"split_indices changed the global random state of {', '.join(changed)}: "
                         "it must draw from its own generator (torch.Generator().manual_seed(seed), or "
                         "numpy's default_rng(seed), or random.Random(seed)) and never reseed the global one.")


def _numbers(parts):
    """A split as lists of numbers, or None where it is not one (test_split_indices says why)."""
    try:
        return [to_floats(part) for part in parts]
    except (CheckFailed, TypeError):
        return None


# --- make_mlp ------------------------------------------------------------------------------

MLP_CASES = ((3, 2, 7, 1), (4, 3, 6, 4), (5, 2, 9, 0), (1, 1, 30, 6), (2, 1, 1, 3))


def _layers_shown(layers):
    return [("Linear", layer["in"], layer["out"]) if layer["kind"] == "Linear" else layer["kind"] for layer in layers]


def _layers_hint(got, args, activation):
    i, o, h, k = args
    # With no hidden layer asked for, one too many is also what a missing special case for 0 builds.
    if k > 0 and got == ref.mlp_layers(i, o, h, k + 1, activation):
        return " Likely mistake: one hidden layer too many (num_hidden_layers - 1 blocks of Linear(h, h))."
    if k > 0 and got == ref.mlp_layers(i, o, h, k, activation) + [activation]:
        return " Likely mistake: an activation after the output layer; the output must stay unbounded."
    if activation != "Tanh" and got == ref.mlp_layers(i, o, h, k, "Tanh"):
        return " Likely mistake: the activation argument is ignored (is nn.Tanh hard-coded?); call the class you are given."
    if k == 0:
        return " With 0 hidden layers the network is one Linear(in_features, out_features)."
    return ""


def _network(student, args, activation=None):
    """make_mlp(*args) as plain data, after checking its layers, biases and output on a batch of 4."""
    i, o, h, k = args
    x = torch.randn(4, i, generator=torch.Generator().manual_seed(k))
    found = student.probe("built_network", list(args), activation, x)
    call = f"make_mlp({i}, {o}, {h}, {k}" + (f", activation={activation}" if activation else "") + ")"
    check(found["sequential"] is True, f"{call} should return an nn.Sequential, got {found['type']}.")
    want, got = ref.mlp_layers(i, o, h, k, activation or "Tanh"), _layers_shown(found["layers"])
    if got != want:
        fail(f"{call}: expected layers {want}, got {got}.{_layers_hint(got, args, activation or 'Tanh')}")
    check(all(layer["bias"] is not None for layer in found["layers"] if layer["kind"] == "Linear"),
          f"{call}: every Linear layer should have a bias.")
    output = found["output"]
    if isinstance(output, str):
        fail(f"{call} could not be run on a (4, {i}) batch: {output}")
    check(isinstance(output, torch.Tensor) and tuple(output.shape) == (4, o), f"{call} should map a (4, {i}) batch to (4, {o}).")
    check_close(f"{call} on a (4, {i}) batch (its layers applied in order)", output,
                ref.mlp_output(found["layers"], x), rtol=1e-4, atol=1e-5)
    return found


@suite.test("test_make_mlp", exercise="make_mlp")
def test_make_mlp(student):
    for args in ((1, 1, 8, 2), (2, 3, 16, 0)) + MLP_CASES:
        _network(student, args)
    # The activation argument is a class, instantiated once per hidden layer.
    found = _network(student, (3, 2, 5, 3), "MyActivation")
    objects = [layer["object"] for layer in found["layers"] if layer["kind"] != "Linear"]
    check(len(set(objects)) == 3 and found["activations_made"] == 3,
          "each hidden layer needs its own activation module: call activation() once per layer instead of "
          "reusing one instance.")
    _network(student, (2, 2, 4, 2), "ReLU")
    check(_network(student, (3, 1, 4, 0), "MyActivation")["activations_made"] == 0,
          "with 0 hidden layers no activation should be created.")


# --- fit -----------------------------------------------------------------------------------

WEIGHTED = "a mean over examples (batch losses weighted by size); the spec asks for the mean of the per-batch losses."
SUMMED = "the sum of the batch losses; divide by the number of batches."
RESHAPED = ("the loss was called on reshaped tensors; call loss_fn(model(xb), yb) exactly so, for training and "
            "validation batches (this test's loss sums each row's squared errors, so a reshape changes its value).")
TRAINED_IN_EVAL = ("after the first validation the model trained in eval mode: call model.train() at the start of "
                   "every epoch (this test's model has a dropout layer, active only in training mode).")
VALIDATED_IN_TRAIN = ("validation ran in training mode: call model.eval() before validating (this test's model has "
                      "a dropout layer, active only in training mode).")
VALIDATED_WITH_GRAD = (f"validation ran with gradients enabled: validate under torch.no_grad() (this test's loss "
                       f"reads {probes.GRAD_OFFSET:g} more while autograd records).")
ENDED_IN_EVAL = "fit returned with the model in eval mode: switch back with model.train() after validating."


def _weights(seed, shapes, scale, dtype=torch.float64):
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(shape, generator=gen, dtype=dtype) * scale for shape in shapes]


def _spec(layers, weights, train, val, num_epochs, lr, momentum=0.0, loss="mse", x_after=None):
    """A run of fit as plain data (``probes.fit_run``); ``train`` and ``val``: one list of
    batches per epoch (the loaders cycle through them)."""
    return {"layers": layers, "weights": weights, "train": train, "val": val, "num_epochs": num_epochs,
            "lr": lr, "momentum": momentum, "loss": loss, "x_after": x_after}


def _reference(spec, model_patch=None, loss_patch=None, after=None):
    """The run with the reference fit, here; the patches turn it into a likely mistake's run."""
    def fit(model, loss_fn, *rest):
        if model_patch:
            model_patch(model)
        history = ref.fit(model, loss_patch(loss_fn) if loss_patch else loss_fn, *rest)
        if after:
            after(model)
        return history
    return probes.fit_run({"fit": fit}, spec)


def _train_ignored(model):
    """model.train() does nothing: the mode of a loop that switches to training mode only once."""
    switch = model.train
    model.train = lambda mode=True: model if mode else switch(False)


def _eval_ignored(model):
    """model.eval() does nothing: the mode of a loop that never calls it."""
    switch = model.train
    model.train = lambda mode=True: switch(True)


def _reshaped(loss_fn):
    return lambda prediction, target: loss_fn(prediction.flatten(), target.flatten())


def _reference_with_batch_losses(spec):
    """The reference's run, and per epoch its training and its validation batch losses."""
    seen = []

    def recorded(loss_fn):
        def loss(prediction, target):
            value = loss_fn(prediction, target)
            seen.append(value.item())
            return value
        return loss
    run = _reference(spec, loss_patch=recorded)
    n_train, n_val = len(spec["train"][0]), len(spec["val"][0])
    epochs = [seen[i:i + n_train + n_val] for i in range(0, len(seen), n_train + n_val)]
    return run, [e[:n_train] for e in epochs], [e[n_train:] for e in epochs]


def _history(got, num_epochs):
    history = got["history"]
    keys = sorted(map(str, history)) if type(history) is dict else None
    check(keys == ["train_loss", "val_loss"],
          f"fit should return a dict with exactly the keys 'train_loss' and 'val_loss', got {_kind(history)}"
          + (f" with the keys {keys}." if keys is not None else "."))
    lengths = [len(to_floats(history[key], key)) for key in ("train_loss", "val_loss")]
    check(lengths == [num_epochs, num_epochs],
          f"num_epochs={num_epochs}: expected {num_epochs} losses in each list, got {lengths[0]} and {lengths[1]}.")
    return history


def _check_parameters(got, expected, what):
    for i, (p, r) in enumerate(zip(got["parameters"], expected["parameters"])):
        check_close(f"parameter {i} after fit ({what})", p, r, rtol=1e-9, atol=1e-12)


def _check_means(got, spec, where, rtol):
    """train_loss and val_loss against the reference, naming the ways of averaging that go wrong."""
    history = _history(got, spec["num_epochs"])
    expected, train, val = _reference_with_batch_losses(spec)
    sizes = [[len(x) for x, _ in batches] for batches in (spec["train"][0], spec["val"][0])]

    def weighted(rows, sizes):
        return [sum(loss * size for loss, size in zip(row, sizes)) / sum(sizes) for row in rows]
    check_close(f"train_loss ({where})", history["train_loss"], expected["history"]["train_loss"], rtol=rtol, likely={
        WEIGHTED: weighted(train, sizes[0]), SUMMED: [sum(row) for row in train],
        "the validation losses were recorded as training losses.": expected["history"]["val_loss"],
    })
    check_close(f"val_loss ({where})", history["val_loss"], expected["history"]["val_loss"], rtol=rtol, likely={
        WEIGHTED: weighted(val, sizes[1]), SUMMED: [sum(row) for row in val],
        "the training losses were recorded as validation losses.": expected["history"]["train_loss"],
    })
    return expected


def _fit_data(seed, n_train, n_val, inputs, outputs):
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(n, width, generator=gen, dtype=torch.float64)
            for n, width in ((n_train, inputs), (n_train, outputs), (n_val, inputs), (n_val, outputs))]


@suite.test("test_fit", exercise="fit")
def test_fit(student):
    # The worked example: a linear model on five points (batches of 3 and 2), validated on three (2 and 1).
    fx = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0], [-1.0, 2.0]])
    fy = torch.tensor([[1.0], [0.0], [2.0], [1.0], [0.0]])
    vx, vy = torch.tensor([[0.5, 0.5], [1.0, -1.0], [0.0, 2.0]]), torch.tensor([[1.0], [0.5], [-0.5]])
    example = _spec([("linear", 2, 1)], [torch.tensor([[0.5, -0.3]]), torch.tensor([0.1])],
                    [make_batches(fx, fy, [3, 2])], [make_batches(vx, vy, [2, 1])], 3, lr=0.1)
    _check_means(student.probe("fit_run", example), example, "the worked example", rtol=1e-4)

    # A tanh network, train batches of 5, 3, 1 and validation batches of 4, 2, 1, SGD with momentum.
    x, y, vx, vy = _fit_data(404, 9, 7, 3, 2)
    net = [("linear", 3, 6), ("tanh",), ("linear", 6, 2)]
    weights = _weights(9, [(6, 3), (6,), (2, 6), (2,)], 0.5)
    spec = _spec(net, weights, [make_batches(x, y, [5, 3, 1])], [make_batches(vx, vy, [4, 2, 1])], 3,
                 lr=0.15, momentum=0.9)
    got = student.probe("fit_run", spec)
    expected = _check_means(got, spec, "train batches of 5, 3, 1; SGD with momentum", rtol=1e-9)
    _check_parameters(got, expected, "a reference loop from the same weights with the same optimizer settings")

    _history(student.probe("fit_run", {**spec, "num_epochs": 0}), 0)

    # The same with a dropout layer: training runs in training mode every epoch, and fit ends in it.
    mask = torch.tensor([2.0, 0.0, 2.0, 2.0, 0.0, 2.0], dtype=torch.float64)
    dropout = {**spec, "layers": net[:2] + [("dropout", mask)] + net[2:],
               "x_after": torch.randn(4, 3, generator=torch.Generator().manual_seed(406), dtype=torch.float64)}
    got = student.probe("fit_run", dropout)
    expected = _reference(dropout)
    history = _history(got, dropout["num_epochs"])
    check_close("train_loss (a model with a dropout layer)", history["train_loss"], expected["history"]["train_loss"],
                rtol=1e-9, likely={TRAINED_IN_EVAL: _reference(dropout, model_patch=_train_ignored)["history"]["train_loss"]})
    _check_parameters(got, expected, "a model with a dropout layer")
    check_close("the model's output on a batch right after fit (in training mode)", got["output_after"],
                expected["output_after"], rtol=1e-9, atol=1e-12,
                likely={ENDED_IN_EVAL: _reference(dropout, after=lambda model: model.eval())["output_after"]})


def _epoch_batches(gen, sizes, num_epochs):
    """One list of batches of (x of width 2, y of width 1) per epoch, other examples every epoch (as
    a loader with random augmentation serves): going through a loader twice an epoch shows."""
    epochs = []
    for _ in range(num_epochs):
        x = torch.randn(sum(sizes), 2, generator=gen, dtype=torch.float64)
        epochs.append(make_batches(x, torch.randn(sum(sizes), 1, generator=gen, dtype=torch.float64), sizes))
    return epochs


@suite.test("test_fit_validation", exercise="fit")
def test_fit_validation(student):
    gen = torch.Generator().manual_seed(505)
    mask = torch.tensor([2.0, 0.0, 2.0, 0.0, 2.0], dtype=torch.float64)
    # Batches of equal size: how the batch means are averaged is test_fit's concern.
    spec = _spec([("linear", 2, 5), ("tanh",), ("dropout", mask), ("linear", 5, 1)],
                 _weights(3, [(5, 2), (5,), (1, 5), (1,)], 0.6),
                 _epoch_batches(gen, [3, 3, 3], 3), _epoch_batches(gen, [4, 4], 3), 3,
                 lr=0.1, loss="row_sum_squared_error", x_after=torch.randn(4, 2, generator=gen, dtype=torch.float64))
    # One epoch first: a mistake there has one cause; then three, where the mode must switch back and forth.
    for num_epochs in (1, 3):
        run = {**spec, "num_epochs": num_epochs}
        where = (f"{num_epochs} epoch{'s' if num_epochs > 1 else ''}; a model with a dropout layer, a loss that reads "
                 f"{probes.GRAD_OFFSET:g} more while autograd records, other batches every epoch")
        got, expected = student.probe("fit_run", run), _reference(run)
        reshaped = _reference(run, loss_patch=_reshaped)
        history = _history(got, num_epochs)
        check_close(f"train_loss ({where})", history["train_loss"], expected["history"]["train_loss"], rtol=1e-9, likely={
            RESHAPED: reshaped["history"]["train_loss"],
            TRAINED_IN_EVAL: _reference(run, model_patch=_train_ignored)["history"]["train_loss"],
        })
        _check_parameters(got, expected, f"{where}; validation must not change the weights")
        check_close(f"val_loss ({where})", history["val_loss"], expected["history"]["val_loss"], rtol=1e-9, likely={
            VALIDATED_IN_TRAIN: _reference(run, model_patch=_eval_ignored)["history"]["val_loss"],
            VALIDATED_WITH_GRAD: [v + probes.GRAD_OFFSET for v in expected["history"]["val_loss"]],
            RESHAPED: reshaped["history"]["val_loss"],
        })
        check_close(f"the model's output on a batch right after fit ({where}; in training mode)", got["output_after"],
                    expected["output_after"], rtol=1e-9, atol=1e-12,
                    likely={ENDED_IN_EVAL: _reference(run, after=lambda model: model.eval())["output_after"]})


# --- diagnosis -----------------------------------------------------------------------------

DIAGNOSIS = {"underfitting_model": "A", "overfitting_model": "C", "chosen_model": "B"}
WHY_NOT = {
    "underfitting_model": {"C": "C fits its training data almost perfectly; it is the one that overfits.",
                           "D": "D's training loss is low; the underfitting model cannot even fit its training data."},
    "overfitting_model": {"A": "A has a high training loss too: it underfits.",
                          "D": "D overfits a little, but C's gap between training and validation loss is far larger."},
    "chosen_model": {"D": "D has the lower training loss, but models are chosen by validation loss: B's is lowest.",
                     "C": "C has the lowest training loss, but the highest validation loss; choose by validation loss."},
}
WHY_NOT_SET = {
    "validation": "the validation loss was used to choose B, so it is optimistic; the untouched test set gives "
                  "an honest estimate.",
    "train": "the training loss is what the model was fitted to; it says least about new data.",
}


@suite.test("test_diagnosis", exercise="diagnosis", values=list(DIAGNOSIS) + ["report_set"])
def test_diagnosis(student):
    for name in list(DIAGNOSIS) + ["report_set"]:
        check(type(student.value(name)) is str, f"{name} should be a string.")
    for name, letter in DIAGNOSIS.items():
        value = student.value(name)
        got = value.strip().upper()
        check(got == letter, f"{name}: expected another letter than '{value}'. "
              + WHY_NOT[name].get(got, "Compare the training and the validation loss of each network."))
    report_set = student.value("report_set")
    chosen = report_set.strip().lower()
    check(chosen == "test", f"report_set: '{report_set}' is not the right set. "
          + WHY_NOT_SET.get(chosen, "Answer 'train', 'validation' or 'test'."))
