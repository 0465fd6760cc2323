"""Hidden tests of 03_linear_vs_mlp: one per graded test cell (see ``tools.hidden_tests``).

The student's models are built in the worker and come back as data (their layers, their
parameters' shapes, their scores for weights and inputs chosen here). The loops run in the
worker on probe networks built from weights and batches handed over by value; what they
return and what they leave in the network (weights, batch-norm statistics) is compared with
the reference run here from the same start.
"""
import math

import torch

from course.checks import check, check_close, fail, fmt, shape_of, to_floats
from course.probes import make_batches
from tools.hidden_tests.harness import StudentRaised, Suite
from tools.hidden_tests.a03_linear_vs_mlp import probes, reference as ref

suite = Suite(reference=ref, probes=probes, exercises={
    "parameter_counts": [],
    "linear_classifier": [],
    "mlp_classifier": [],
    "count_parameters": [],
    "ce_floor": [],
    "train_model": [],
    "evaluate_model": [],
})

CIFAR_BATCH = (4, 3, 32, 32)          # the notebook's checks: four CIFAR-sized images
HISTORY_NET = [["Flatten"], ["Linear", 12, 8], ["ReLU"], ["Linear", 8, 4]]
# Batch norm behaves differently in train and eval mode and counts its training forward passes.
LOOP_NET = [["BatchNorm2d", 3], ["Flatten"], ["Linear", 12, 8], ["ReLU"], ["Linear", 8, 4]]
EVAL_NET = [["Flatten"], ["Linear", 12, 5]]
EVAL_MODES_NET = [["BatchNorm2d", 3], ["Flatten"], ["Linear", 12, 5]]


def _kind(value):
    return type(value).__name__ if not isinstance(value, torch.Tensor) else f"a tensor of shape {tuple(value.shape)}"


def _check_count(name, got, expected, likely=None):
    """An exact whole number, written with thousands separators (check_close would round 1,707,274);
    a likely mistake named as check_close names it: where it alone leaves that number."""
    if got == expected:
        return
    named = [what for what, wrong in (likely or {}).items() if got == wrong]
    fail(f"{name}: expected {expected:,}, got {got:,}." + (f" Likely mistake: {named[0]}" if len(named) == 1 else ""))


def _randn(gen, *shape, scale=1.0, dtype=torch.float64):
    return (torch.randn(*shape, generator=gen, dtype=torch.float64) * scale).to(dtype)


# --- 2.1: the counts, worked out by hand (values of the notebook's run) ----------------------

@suite.test("test_parameter_shapes", exercise="parameter_counts", values=["linear_weight_shape", "linear_bias_shape"])
def test_parameter_shapes(student):
    weight, bias = student.value("linear_weight_shape"), student.value("linear_bias_shape")
    for name, value in (("linear_weight_shape", weight), ("linear_bias_shape", bias)):
        check(type(value) in (tuple, list), f"{name} should be a tuple such as (2, 3), got {_kind(value)}.")
    check_close("linear_weight_shape", list(weight), [10, 3072], rtol=0, likely={
        "nn.Linear stores one row per output: the weight is (out_features, in_features).": [3072, 10],
        "an image has 3 * 32 * 32 = 3072 numbers, not 32 * 32 = 1024 (the colour channels count).": [10, 1024],
    })
    check_close("linear_bias_shape", list(bias), [10], rtol=0, likely={
        "there is one bias per output (class), not per input.": [3072],
    })


@suite.test("test_parameter_counts", exercise="parameter_counts", values=["linear_num_params", "mlp_num_params"])
def test_parameter_counts(student):
    linear, mlp = student.value("linear_num_params"), student.value("mlp_num_params")
    for name, value in (("linear_num_params", linear), ("mlp_num_params", mlp)):
        check(type(value) is int, f"{name} should be a whole number (an int), got {_kind(value)}.")
    _check_count("linear_num_params", linear, 30730, likely={
        "the 10 biases are missing.": 30720,
        "an image has 3 * 32 * 32 = 3072 numbers (the colour channels count).": 10250,
    })
    _check_count("mlp_num_params", mlp, 1707274, likely={
        "the biases are missing (512 + 256 + 10 of them).": 3072 * 512 + 512 * 256 + 256 * 10,
        "the output layer (256 * 10 + 10) is missing.": 1707274 - 2570,
        "only the first layer is counted.": 3072 * 512 + 512,
        "an image has 3 * 32 * 32 = 3072 numbers (the colour channels count).": 1024 * 512 + 512 + 512 * 256 + 256 + 2570,
    })


# --- 3.1 and 3.2: the models -------------------------------------------------------------------

def _call(class_name, kwargs):
    return f"{class_name}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"


def _built(student, class_name, kwargs, hint=""):
    try:
        return student.probe("structure", class_name, kwargs)
    except StudentRaised as raised:
        fail(f"{_call(class_name, kwargs)} failed: {raised.type_name}: {raised.message}{hint}")


def _parameter_count(built):
    return sum(math.prod(shape) for _, shape in built["parameters"])


def _scores(student, class_name, kwargs, weights, x, hint=""):
    """The model's scores on ``x`` with ``weights`` loaded, after checking they came back."""
    got = student.probe("scores", class_name, kwargs, weights, x)
    where = f"{_call(class_name, kwargs)} on a batch of shape {tuple(x.shape)}"
    if "linear_shapes" in got:
        fail(f"{where}: its Linear layers (weight, bias shapes) are {got['linear_shapes']}, expected "
             f"{[[list(w.shape), list(b.shape)] for w, b in weights]}.")
    if "raised" in got:
        fail(f"{where} failed: {got['raised']}.{hint}")
    out = got["scores"]
    want = (x.shape[0], weights[-1][0].shape[0] if weights else 10)
    check(shape_of(out) == want, f"{where}: the scores should have shape {want}, got {shape_of(out)}. "
                                 "Keep the batch dimension and flatten the rest.")
    return out


def _check_scores(name, out, weights, x):
    expected = ref.mlp_scores(weights, x)
    tight = x.dtype == torch.float64
    check_close(name, out, expected, rtol=1e-10 if tight else 1e-4, atol=1e-12 if tight else 1e-4, likely={
        "softmax was applied: forward returns raw scores (nn.CrossEntropyLoss applies softmax itself).":
            torch.softmax(expected, dim=1),
    })


def _linear_weights(gen, sizes, dtype):
    """Seeded (W, b) for Linear layers between consecutive ``sizes``."""
    return [(_randn(gen, b, a, scale=a ** -0.5, dtype=dtype), _randn(gen, b, scale=0.5, dtype=dtype))
            for a, b in zip(sizes[:-1], sizes[1:])]


LINEAR_CASES = [  # (constructor arguments, input shape)
    ({}, CIFAR_BATCH),
    ({"input_size": 12, "num_classes": 3}, (5, 3, 2, 2)),
    ({"input_size": 12, "num_classes": 3}, (1, 3, 2, 2)),
    ({"input_size": 7, "num_classes": 4}, (6, 7)),
    ({"input_size": 3072, "num_classes": 10}, (3, 3, 32, 32)),
]
FLATTEN_HINT = " Flatten each example, keeping the batch dimension: x.reshape(x.shape[0], -1)."


@suite.test("test_linear_classifier", exercise="linear_classifier")
def test_linear_classifier(student):
    _check_count("number of parameters of LinearClassifier()", _parameter_count(_built(student, "LinearClassifier", {})),
                 30730, likely={"the model holds more than the single nn.Linear `fc`.": 30730 * 2})
    gen = torch.Generator().manual_seed(301)
    for kwargs, shape in LINEAR_CASES:
        size, classes = kwargs.get("input_size", 3072), kwargs.get("num_classes", 10)
        where = _call("LinearClassifier", kwargs)
        built = _built(student, "LinearClassifier", kwargs)
        check(built["fc"] is not None, "LinearClassifier needs its nn.Linear as the attribute `fc`.")
        check_close(f"fc of {where}: (in_features, out_features)", built["fc"], [size, classes], rtol=0,
                    likely={"the sizes are fixed at 3072 and 10: use the arguments.": [3072, 10]})
        check(_parameter_count(built) == size * classes + classes,
              f"{where}: the only parameters of LinearClassifier should be those of `fc` "
              f"({size * classes + classes}), found {built['parameters']}.")
        dtype = torch.float32 if not kwargs else torch.float64
        weights = _linear_weights(gen, [size, classes], dtype)
        x = _randn(gen, *shape, dtype=dtype)
        out = _scores(student, "LinearClassifier", kwargs, weights, x, FLATTEN_HINT)
        _check_scores(f"scores of {where} for input of shape {shape}", out, weights, x)


MLP_CASES = [  # (input_size, hidden_sizes, num_classes, input shape)
    (12, (7, 5, 3), 4, (6, 3, 2, 2)),
    (12, [9], 3, (1, 12)),
    (12, (), 5, (4, 3, 2, 2)),
    (20, (16, 16), 2, (3, 4, 5)),
]


def _expected_layers(hidden):
    return ["Linear", "ReLU"] * len(hidden) + ["Linear"]


@suite.test("test_mlp_classifier", exercise="mlp_classifier")
def test_mlp_classifier(student):
    default = _built(student, "MLPClassifier", {})
    check(default["network"] is not None, "MLPClassifier needs an nn.Sequential as the attribute `network`, got "
          f"{default['network_type']}" + (": the layers of a Python list are not registered, so the model has no "
                                          "parameters to train." if default["network_type"] == "list" else "."))
    kinds = [layer["type"] for layer in default["network"]]
    check(kinds == _expected_layers((512, 256)), "with hidden sizes (512, 256), `network` should be Linear, ReLU, "
                                                 f"Linear, ReLU, Linear; got {', '.join(kinds)}.")
    _scores(student, "MLPClassifier", {}, None, torch.randn(*CIFAR_BATCH, generator=torch.Generator().manual_seed(0)),
            " Each Linear takes as many inputs as the previous layer has outputs, and forward flattens each image first.")
    _check_count("number of parameters of MLPClassifier()", _parameter_count(default), 1707274)
    gen = torch.Generator().manual_seed(302)
    for size, hidden, classes, shape in MLP_CASES:
        kwargs = {"input_size": size, "hidden_sizes": hidden, "num_classes": classes}
        where = _call("MLPClassifier", kwargs)
        built = _built(student, "MLPClassifier", kwargs, "" if hidden else (
            " (hidden_sizes=() means no hidden layer: one Linear from the input to the classes)"))
        check(built["network"] is not None, f"{where}: `network` must be an nn.Sequential.")
        kinds = [layer["type"] for layer in built["network"]]
        check(kinds == _expected_layers(hidden), f"{where}: `network` should be {_expected_layers(hidden)}, got {kinds}"
              + (" (no activation after the output layer: it returns raw scores)." if kinds[-1:] != ["Linear"] else "."))
        sizes = [size, *hidden, classes]
        check_close(f"{where}: (in, out) of each Linear",
                    [[layer["in"], layer["out"]] for layer in built["network"] if layer["type"] == "Linear"],
                    [list(pair) for pair in zip(sizes[:-1], sizes[1:])], rtol=0)
        check(_parameter_count(built) == built["network_parameters"], f"{where}: all parameters should live in `network`.")
        weights = _linear_weights(gen, sizes, torch.float64)
        x = _randn(gen, *shape)
        out = _scores(student, "MLPClassifier", kwargs, weights, x)
        _check_scores(f"{where}: scores for input of shape {shape}", out, weights, x)


# --- 3.3: count_parameters -----------------------------------------------------------------------

COUNT_CASES = [  # (model built by the probe, what it is, expected count, likely mistakes)
    ("linear_3_2", "nn.Linear(3, 2)", 8, {
        "that is the number of parameter tensors (weight and bias), not of their elements: use p.numel().": 2,
        "only the weights were counted; the 2 biases are parameters too.": 6,
    }),
    ("frozen_with_batch_norm", "a model with a frozen weight and a batch-norm layer", 4 + 8 + 15, {
        "the frozen weight (requires_grad=False) was counted: count trainable parameters only.": 20 + 4 + 8 + 15,
        "the batch-norm buffers (running_mean, running_var, num_batches_tracked) are not parameters, "
        "and frozen weights do not count (state_dict holds both).": 20 + 4 + 8 + 9 + 15,
        "that is the number of parameter tensors, not of their elements (use p.numel()).": 5,
        "only weights were counted; biases are parameters too.": 4 + 12,
    }),
    ("shared_layer", "a model that uses one layer twice", 42, {
        "a shared layer was counted twice: model.parameters() lists it once.": 84,
    }),
    ("mlp_12_7_3", "MLPClassifier(12, (7,), 3)", 12 * 7 + 7 + 7 * 3 + 3, {}),
    ("relu", "a model with no parameters", 0, {}),
]


@suite.test("test_count_parameters", exercise="count_parameters")
def test_count_parameters(student):
    for model, what, expected, likely in COUNT_CASES:
        count = student.probe("count_of", model)
        check(type(count) is int, f"count_parameters should return an int, got {_kind(count)} (for {what}).")
        _check_count(f"count_parameters of {what}", count, expected, likely)


# --- 4.1: the floor of cross-entropy on probabilities (a value of the notebook's run) ----------

@suite.test("test_ce_floor", exercise="ce_floor", values=["ce_floor_on_probabilities"])
def test_ce_floor(student):
    value = student.value("ce_floor_on_probabilities")
    check(type(value) in (float, int), f"ce_floor_on_probabilities should be a number, got {_kind(value)}.")
    check_close("ce_floor_on_probabilities", value, math.log(math.e + 9) - 1, rtol=1e-3, likely={
        "0 is the floor when you pass raw scores; softmax of a probability vector is never confident.": 0.0,
        "log(10) is the loss of a uniform guess; the certain model does better than that, but not 0.": math.log(10),
        "the true class gets e^1, not 1, in the second softmax: -log(e / (e + 9)).": math.log(10) - 1,
    })


# --- 5.1: train_model ----------------------------------------------------------------------------

def _seeded_state(layers, seed, scale):
    """Parameters (and batch-norm statistics) for the network ``layers``, from a seeded generator."""
    gen = torch.Generator().manual_seed(seed)
    state = {}
    for name, tensor in probes.layers_of(layers).double().state_dict().items():
        if name.endswith("running_mean"):
            state[name] = _randn(gen, *tensor.shape, scale=0.5)
        elif name.endswith("running_var"):
            state[name] = torch.rand(tensor.shape, generator=gen, dtype=torch.float64) + 0.5
        elif name.endswith("num_batches_tracked"):
            state[name] = tensor.clone()
        else:
            state[name] = _randn(gen, *tensor.shape, scale=scale)
    return state


def _one_per_epoch(values, num_epochs):
    return shape_of(values) == (num_epochs,) or (type(values) in (list, tuple) and len(values) == num_epochs)


def _check_history_form(history, num_epochs):
    check(type(history) is dict and "train_loss" in history and "train_acc" in history,
          f"train_model should return a dict with the keys 'train_loss' and 'train_acc', got {_kind(history)}.")
    check(all(_one_per_epoch(history[key], num_epochs) for key in ("train_loss", "train_acc")),
          f"num_epochs={num_epochs} should give {num_epochs} losses and {num_epochs} accuracies (one per epoch).")
    return to_floats(history["train_loss"], "train_loss"), to_floats(history["train_acc"], "train_acc")


def _blobs():
    """The notebook's example: two well-separated blobs in 2-D, 20 points, and initial weights."""
    seeded = torch.Generator().manual_seed(0)
    points = torch.cat([torch.randn(10, 2, generator=seeded) + 3, torch.randn(10, 2, generator=seeded) - 3])
    labels = torch.arange(2).repeat_interleave(10)
    start = {"0.weight": (torch.rand(2, 2, generator=seeded) - 0.5) * 1.4,
             "0.bias": (torch.rand(2, generator=seeded) - 0.5) * 1.4}
    return start, points, labels


def _per_epoch(epochs, value):
    return [value(rows) for rows in epochs]


def _check_blobs(student):
    """The notebook's example, with the notebook's checks."""
    start, x, y = _blobs()
    losses, accs = _check_history_form(student.probe("train_blobs", start, x, y, 0.1, 5), 5)
    check(all(0.0 <= a <= 1.0 for a in accs), f"accuracies are fractions between 0 and 1, got {fmt(accs)}."
          + (" Likely mistake: a percentage." if max(accs) <= 100 else ""))
    check(losses[-1] < losses[0], f"on two separated blobs (SGD, lr=0.1, 5 epochs) the loss should fall, got {fmt(losses)}.")
    check(accs[-1] > 0.9, f"the final accuracy on two separated blobs should be above 0.9, got {accs[-1]:.3f}.")


def _scripted_run():
    """Batches, a start, and updates that take the weights from the start towards weights that
    predict the labels, with some noise, one step a batch: a path whatever the gradients."""
    gen = torch.Generator().manual_seed(303)
    x = _randn(gen, 16, 3, 2, 2)
    state, target = _seeded_state(HISTORY_NET, 31, 0.6), _seeded_state(HISTORY_NET, 33, 0.6)
    with torch.no_grad():
        batches = make_batches(x, probes.build_net(HISTORY_NET, target)(x).argmax(1), [5, 3, 7, 1])
    steps = 3 * len(batches)
    path = [[a + (b - a) * k / steps + (_randn(gen, *a.shape, scale=0.05) if 0 < k < steps else 0)
             for a, b in zip(state.values(), target.values())] for k in range(steps + 1)]
    return batches, state, [[b - a for a, b in zip(here, there)] for here, there in zip(path, path[1:])]


@suite.test("test_train_model", exercise="train_model")
def test_train_model(student):
    _check_blobs(student)
    batches, state, updates = _scripted_run()
    losses, accs = _check_history_form(student.probe("train_scripted", HISTORY_NET, state, batches, updates, 3), 3)

    def run(mistake=None):
        net = probes.build_net(HISTORY_NET, state)
        return ref.train_epochs(net, batches, probes.ScriptedSteps(net.parameters(), updates), 3, mistake)
    epochs, n = run(), sum(len(y) for _, y in batches)
    check_close("train_loss per epoch (batches of 5, 3, 7 and 1 examples)", losses,
                _per_epoch(epochs, lambda rows: sum(r[0] for r in rows) / len(rows)), rtol=1e-9, atol=1e-12, likely={
        "the losses were weighted by batch size; the spec asks for the plain mean of the per-batch losses.":
            _per_epoch(epochs, lambda rows: sum(r[0] * r[1] for r in rows) / n),
        "the per-batch losses were summed, not averaged over the batches.":
            _per_epoch(epochs, lambda rows: sum(r[0] for r in rows)),
        "softmax was applied before the loss: nn.CrossEntropyLoss takes the raw scores.":
            _per_epoch(run("softmax_before_loss"), lambda rows: sum(r[0] for r in rows) / len(rows)),
    })
    correct = _per_epoch(epochs, lambda rows: sum(r[2] for r in rows))
    check_close("train_acc per epoch (batches of 5, 3, 7 and 1 examples)", accs, [c / n for c in correct],
                rtol=1e-6, atol=1e-9, likely={
        "that is the number of correct examples; divide by the number of examples seen.": correct,
        "a percentage; the accuracy should be a fraction between 0 and 1.": [100 * c / n for c in correct],
        "the mean of per-batch accuracies weights a batch of 1 like a batch of 7: count correct examples "
        "over the whole epoch.": _per_epoch(epochs, lambda rows: sum(r[2] / r[1] for r in rows) / len(rows)),
        "the accuracy comes from a second pass after the optimizer step; use the scores of the training forward passes.":
            _per_epoch(run("second_forward"), lambda rows: sum(r[3] for r in rows) / n),
    })


@suite.test("test_train_model_loop", exercise="train_model")
def test_train_model_loop(student):
    gen = torch.Generator().manual_seed(304)
    batches = make_batches(_randn(gen, 16, 3, 2, 2), torch.randint(0, 4, (16,), generator=gen), [5, 3, 7, 1])
    state = _seeded_state(LOOP_NET, 41, 0.6)
    got = student.probe("train_sgd", LOOP_NET, state, batches, 0.3, 0.9, 3)

    def final_state(mistake=None):
        net = probes.build_net(LOOP_NET, state)
        net.eval()            # as the probe hands it over
        ref.train_epochs(net, batches, torch.optim.SGD(net.parameters(), lr=0.3, momentum=0.9), 3, mistake)
        return net.state_dict()
    expected = final_state()
    runs = {mistake: final_state(mistake) for mistake in ref.MISTAKES}
    check(type(got) is dict and set(got) == set(expected),
          f"the model's parameters and buffers changed names during training: {sorted(got) if type(got) is dict else got}.")
    counted = "0.num_batches_tracked"
    check_close("forward passes in train mode over 3 epochs of 4 batches (batch norm's num_batches_tracked)",
                got[counted], expected[counted], rtol=0, likely={
        "model.train() is never called: a model left in eval mode (by an evaluation) trains with dropout and "
        "batch norm in their evaluation behaviour.": runs["never_train"][counted],
        "model.train() is called once, before the epochs: call it at the start of every epoch, since an evaluation "
        "in between leaves the model in eval mode.": runs["train_once"][counted],
        "a second forward pass per batch: the accuracy must come from the scores of the training forward pass.":
            runs["second_forward"][counted],
    })
    statistics = ["0.running_mean", "0.running_var"]
    check_close("batch norm's running mean and variance after 3 epochs", [got[k] for k in statistics],
                [expected[k] for k in statistics], rtol=1e-9, atol=1e-12)
    weights = [name for name in expected if name not in statistics + [counted]]
    check_close("weights after 3 epochs (SGD, lr=0.3, momentum=0.9, batches of 5, 3, 7 and 1)",
                [got[k] for k in weights], [expected[k] for k in weights], rtol=1e-9, atol=1e-12, likely={
        "the gradients of earlier batches were added in: call optimizer.zero_grad() before each backward pass.":
            [runs["no_zero_grad"][k] for k in weights],
        "the optimizer stepped with no gradient: the order is zero_grad, forward, loss, backward, step "
        "(zero_grad after backward erases the gradients).": [runs["zero_grad_after_backward"][k] for k in weights],
        "softmax was applied before the loss: nn.CrossEntropyLoss takes the raw scores.":
            [runs["softmax_before_loss"][k] for k in weights],
    })


# --- 5.2: evaluate_model ---------------------------------------------------------------------------

def _labelled_batches(seed, sizes, right):
    """A seeded EVAL_NET and batches whose labels are its prediction where ``right`` says 1, another class elsewhere."""
    state = _seeded_state(EVAL_NET, seed, 1.0)
    gen = torch.Generator().manual_seed(seed + 1000)
    x = _randn(gen, sum(sizes), 3, 2, 2)
    predicted = ref.mlp_scores([(state["1.weight"], state["1.bias"])], x).argmax(1)
    y = torch.where(torch.tensor(right, dtype=torch.bool), predicted, (predicted + 1) % 5)
    return state, make_batches(x, y, sizes)


def _accuracy(student, layers, state, batches):
    result = student.probe("evaluate", layers, state, batches)
    check(shape_of(result) in ((), (1,)), f"evaluate_model should return a single number, got {_kind(result)}.")
    return result


@suite.test("test_evaluate_model", exercise="evaluate_model")
def test_evaluate_model(student):
    # The notebook's example: class k scored by the k-th coordinate; 3 of 4 right, batches of 3 and 1.
    identity = {"0.weight": torch.eye(2), "0.bias": torch.zeros(2)}
    points = torch.tensor([[2.0, 1.0], [0.0, 3.0], [5.0, -1.0], [1.0, 4.0]])
    batches = make_batches(points, torch.tensor([0, 1, 1, 1]), [3, 1])
    check_close("evaluate_model on 4 points (3 right)", _accuracy(student, [["Linear", 2, 2]], identity, batches), 0.75,
                likely={
        "that is the number of correct examples; divide by the number of examples.": 3,
        "a percentage; return a fraction between 0 and 1.": 75.0,
        "the mean of the two batches' accuracies (2/3 and 1/1) weights them equally; count examples.": (2 / 3 + 1) / 2,
    })
    # Batches of 6, 1, 9 and 4 examples with 6, 0, 3 and 1 right: 10 / 20 = 0.5 overall.
    state, batches = _labelled_batches(305, [6, 1, 9, 4], [1] * 6 + [0] + [1, 0, 0, 1, 0, 0, 1, 0, 0] + [0, 1, 0, 0])
    check_close("accuracy over batches of 6, 1, 9 and 4 (10 of 20 right)", _accuracy(student, EVAL_NET, state, batches),
                0.5, rtol=1e-12, likely={
        "that is the number of correct examples; divide by the number of examples.": 10,
        "a percentage; return a fraction between 0 and 1.": 50.0,
        "the mean of the per-batch accuracies weights a batch of 1 like a batch of 9: count examples.":
            (1 + 0 + 3 / 9 + 1 / 4) / 4,
        "only the last batch was counted.": 0.25,
    })
    state, batches = _labelled_batches(306, [13], [0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1])
    check_close("accuracy over one batch of 13 (9 right)", _accuracy(student, EVAL_NET, state, batches), 9 / 13, rtol=1e-12)


@suite.test("test_evaluate_model_modes", exercise="evaluate_model")
def test_evaluate_model_modes(student):
    state = _seeded_state(EVAL_MODES_NET, 307, 1.0)
    gen = torch.Generator().manual_seed(308)
    batches = make_batches(_randn(gen, 14, 3, 2, 2), torch.randint(0, 5, (14,), generator=gen), [8, 4, 2])
    got = student.probe("evaluate_watched", EVAL_MODES_NET, state, batches)
    check(len(got["grad_enabled"]) == 3, f"expected one forward pass per batch (3 batches), got {len(got['grad_enabled'])}.")
    counted = "0.num_batches_tracked"
    check_close("forward passes in train mode (batch norm's num_batches_tracked)", got["state"][counted], state[counted],
                rtol=0, likely={"the model was evaluated in train mode: call model.eval() first (batch norm used and "
                                "updated the batches' statistics; dropout would stay on).": state[counted] + 3})
    check(not any(got["grad_enabled"]),
          "the forward passes ran with gradients enabled: wrap the evaluation in `with torch.no_grad():`.")
    check(got["epochs"] == 1, f"evaluate_model should go through the loader once, it went {got['epochs']} times.")
    check_close("weights and batch-norm statistics after evaluate_model (must be unchanged)",
                list(got["state"].values()), list(state.values()), rtol=0, atol=0)
    check(not any(got["has_grad"]), "evaluate_model produced gradients; evaluation needs no backward pass.")
