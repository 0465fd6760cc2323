"""Hidden tests of 07_weight_decay: one per graded test cell (see ``tools.hidden_tests``).

Models cross to the worker as a layer list and a state dict (``probes.build_model`` builds
the same model on both sides); what the student's code did comes back by value and is
compared here with PyTorch's own SGD run from the same weights."""
import copy

import torch

from course.checks import all_close, check, check_close, fail, shape_of, to_floats
from course.probes import make_batches
from course.regularization import regression_net
from course.toy_data import regression_task
from tools.hidden_tests.harness import StudentRaised, Suite
from tools.hidden_tests.a07_weight_decay import probes, reference as ref

suite = Suite(reference=ref, probes=probes, exercises={
    "l2_penalty": [],
    "sgd_step_l2": [],
    "train_l2": ["l2_penalty"],          # a wrong penalty costs points in l2_penalty's cells only
    "decay_numbers": [],
})

LINE = [["Linear", 2, 1]]
MLP = [["Linear", 3, 4], ["Tanh"], ["Linear", 4, 2]]
WITH_BATCH_NORM = [["Linear", 2, 3], ["BatchNorm1d", 3]]
# The hidden training runs' network ends in a parameter that only a penalty in the loss
# reaches: SGD's own weight_decay skips it (it has no gradient), l2_penalty decays it.
TRAINED = [["Linear", 3, 5], ["Tanh"], ["Linear", 5, 2], ["Spare", 4]]
REGRESSION = [["Linear", 1, 20], ["ReLU"], ["Linear", 20, 20], ["ReLU"], ["Linear", 20, 1]]  # regression_net(hidden=20)


def _random_model(layers, seed, dtype="float64", scale=1.0):
    """The probes' model with parameters drawn in float64 from a generator seeded with
    ``seed``, then cast to ``dtype``; and the generator, for further draws."""
    gen = torch.Generator().manual_seed(seed)
    model = probes.build_model(layers, dtype)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=gen, dtype=torch.float64) * scale)
    return model, gen


def _worked_line():
    """The notebook's example: weight [1, 2] and bias 3, in float32."""
    line = probes.build_model(LINE, "float32")
    with torch.no_grad():
        line[0].weight.copy_(torch.tensor([[1.0, 2.0]]))
        line[0].bias.copy_(torch.tensor([3.0]))
    return line


def _dtype_of(model):
    return str(next(model.parameters()).dtype).replace("torch.", "")


# --- l2_penalty -----------------------------------------------------------------------------

def _penalty_variants(model, lam):
    params = [p.detach().double() for p in model.parameters()]
    squares = sum(float((p ** 2).sum()) for p in params)
    weights_only = sum(float((p ** 2).sum()) for p in params if p.dim() > 1)
    norms = sum(float(p.norm()) for p in params)
    means = sum(float((p ** 2).mean()) for p in params)
    return lam / 2 * squares, {
        "the factor 1/2 is missing: the penalty is (lam / 2) * sum of squares.": lam * squares,
        "the biases are left out: the penalty covers all of model.parameters().": lam / 2 * weights_only,
        "a sum of norms ||p|| where the penalty takes the sum of squares p_i^2.": lam / 2 * norms,
        "the square of the sum of the norms; square each entry and add them all up.": lam / 2 * norms ** 2,
        "a mean of squares per tensor; the penalty sums the squares.": lam / 2 * means,
        "the norm itself ||theta||, not its square.": lam / 2 * squares ** 0.5,
        "lam is missing (or used twice).": squares / 2,
    }


def _penalty(student, layers, model, lam):
    return student.probe("penalty", layers, _dtype_of(model), model.state_dict(), lam)


@suite.test("test_l2_penalty", exercise="l2_penalty")
def test_l2_penalty(student):
    got = _penalty(student, LINE, _worked_line(), 0.1)["value"]
    check(isinstance(got, torch.Tensor), f"l2_penalty must return a tensor, got {_kind(got)}.")
    check_close("l2_penalty(line, 0.1)", got, 0.7, rtol=1e-6, likely={
        "the factor 1/2 is missing: the penalty is (lam / 2) * sum of squares.": 1.4,
        "the bias is left out: the penalty covers all parameters.": 0.25,
        "a sum of the norms of the tensors; the penalty adds up the squares of all entries.": 0.05 * (5 ** 0.5 + 3),
    })
    for seed, lam, dtype, rtol in ((701, 0.3, "float64", 1e-10), (702, 1.7, "float64", 1e-10),
                                   (703, 0.05, "float32", 1e-5)):
        model, _ = _random_model(MLP, seed, dtype)
        expected, likely = _penalty_variants(model, lam)
        got = _penalty(student, MLP, model, lam)["value"]
        check(isinstance(got, torch.Tensor), f"l2_penalty must return a tensor (no .item() or float()), got {_kind(got)}.")
        check_close(f"l2_penalty of a 3-4-2 network ({dtype}) with lam={lam}", got, expected, rtol=rtol, atol=1e-12,
                    likely=likely)
    check_close("l2_penalty with lam=0", _penalty(student, MLP, _random_model(MLP, 704)[0], 0.0)["value"], 0.0, atol=1e-15)

    with_buffers, _ = _random_model(WITH_BATCH_NORM, 705)
    with torch.no_grad():
        with_buffers[1].running_mean.fill_(5.0)
        with_buffers[1].running_var.fill_(4.0)
    expected, likely = _penalty_variants(with_buffers, 0.5)
    buffers = sum(float((b.double() ** 2).sum()) for b in with_buffers.buffers() if b.is_floating_point())
    likely["buffers (batch norm's running statistics) are included: use model.parameters(), not state_dict()."] = \
        expected + 0.5 / 2 * buffers
    got = _penalty(student, WITH_BATCH_NORM, with_buffers, 0.5)["value"]
    check_close("l2_penalty of a network with batch norm, lam=0.5", got, expected, rtol=1e-10, likely=likely)


@suite.test("test_l2_penalty_grad", exercise="l2_penalty")
def test_l2_penalty_grad(student):
    for seed, lam, dtype, rtol in ((711, 0.7, "float64", 1e-10), (712, 2.5, "float32", 1e-5)):
        model, _ = _random_model(MLP, seed, dtype)
        report = _penalty(student, MLP, model, lam)
        got = report["value"]
        check(isinstance(got, torch.Tensor),
              f"l2_penalty must return a tensor, got {_kind(got)}: .item() or float() cut it off from autograd.")
        check(shape_of(got) == (), f"l2_penalty must return a 0-d tensor (shape ()), got shape {shape_of(got)}.")
        check(report["grads"] is not None, "no gradient flows from the penalty back to the parameters: it was "
              "computed from detached tensors (.detach(), .data, state_dict() or under torch.no_grad()).")
        for (name, p), grad in zip(model.named_parameters(), report["grads"]):
            check(grad is not None, f"no gradient reached '{name}': every parameter, biases included, must be in the penalty.")
            check_close(f"gradient of the penalty with respect to '{name}' (lam={lam}, {dtype})", grad, lam * p.detach(),
                        rtol=rtol, atol=1e-12, likely={
                "the gradient is 2 * lam * theta: the factor 1/2 is missing.": 2 * lam * p.detach(),
                "the gradient of (lam / 2) * ||p|| is (lam / 2) * p / ||p||: a sum of norms where the penalty takes "
                "the sum of squares.": lam / 2 * p.detach() / p.detach().norm(),
            })


# --- sgd_step_l2 ----------------------------------------------------------------------------

def _stepped(student, probe, *args, frozen=False):
    """The probe's report; the student's code raising is explained where its type says why."""
    try:
        return student.probe(probe, *args)
    except StudentRaised as raised:
        if raised.type_name == "RuntimeError":
            fail(f"sgd_step_l2 raised RuntimeError ({raised.message[:120]}...): update the parameters in place "
                 f"under torch.no_grad().")
        if frozen and raised.type_name in ("TypeError", "AttributeError"):
            fail(f"sgd_step_l2 raised {raised.type_name} ({raised.message[:120]}): a parameter whose .grad is None "
                 f"must be skipped.")
        raise


def _step_mistakes(old, grad, lr, lam):
    unchanged = {"the parameter did not change: update it in place (p -= ... or p.sub_(...)); `p = p - ...` only "
                 "rebinds a local name. (Or params, a generator, was gone through twice.)": old}
    if grad is None:
        return {**unchanged, "a parameter without a gradient was decayed; SGD leaves it alone.": old * (1 - lr * lam)}
    return {**unchanged,
            "lam * p is not multiplied by the learning rate; the step is p - lr * (p.grad + lam * p).":
                old - lr * grad - lam * old,
            "lam / 2: the gradient of (lam / 2) * p^2 is lam * p.": old - lr * (grad + lam / 2 * old),
            "the sign of the decay: it pulls towards zero, p - lr * (p.grad + lam * p).": old - lr * (grad - lam * old),
            "the decay is missing: this is plain SGD.": old - lr * grad}


@suite.test("test_sgd_step_l2", exercise="sgd_step_l2")
def test_sgd_step_l2(student):
    line = _worked_line()
    weight, bias = _stepped(student, "sgd_step_on_model", LINE, "float32", line.state_dict(),
                            [torch.tensor([[0.5, -0.5]]), torch.tensor([1.0])], 0.1, 0.2)
    check_close("weight after the step", weight, [[0.93, 2.01]], rtol=1e-6, likely={
        "the decay lam * p is missing the learning rate: p - lr * (p.grad + lam * p).": [[0.75, 1.65]],
        "this is a plain SGD step without the decay.": [[0.95, 2.05]],
        "lam / 2 is the factor of the penalty; its gradient is lam * p.": [[0.94, 2.03]],
        "the weights did not change: update them in place (p -= ... or p.sub_(...)), not p = p - ..., and go "
        "through params only once (model.parameters() is a generator).": [[1.0, 2.0]],
    })
    check_close("bias after the step", bias, [2.84], rtol=1e-6)

    frozen_index = 2
    for dtype, rtol in ((torch.float64, 1e-12), (torch.float32, 1e-6)):
        gen = torch.Generator().manual_seed(720)
        values = [torch.randn(s, generator=gen, dtype=torch.float64).to(dtype) for s in ((3, 4), (4,), (2,), (1, 3))]
        for lr, lam in ((0.1, 0.01), (0.5, 0.2), (0.05, 0.0), (0.3, 1.5)):
            grads = [None if i == frozen_index else torch.randn(v.shape, generator=gen, dtype=torch.float64).to(dtype)
                     for i, v in enumerate(values)]
            report = _stepped(student, "sgd_step", values, grads, lr, lam, frozen=True)
            expected = ref.sgd_weight_decay_step(values, grads, lr, lam)
            for i, (got, want, old, grad) in enumerate(zip(report["after"], expected, values, grads)):
                which = "no gradient" if grad is None else "with gradient"
                check_close(f"parameter {i} ({tuple(old.shape)}, {dtype}, {which}) after a step with lr={lr}, lam={lam}",
                            got, want, rtol=rtol, atol=1e-12, likely=_step_mistakes(old, grad, lr, lam))
            check(all(leaf is True for leaf in report["leaves"]), "after sgd_step_l2 a parameter is no longer a leaf "
                  "that requires grad: update it in place under torch.no_grad().")
            values = expected

    model, _ = _random_model(MLP, 721)
    model(torch.ones(2, 3, dtype=torch.float64)).sum().backward()
    grads = [p.grad.clone() for p in model.parameters()]
    got = _stepped(student, "sgd_step_on_model", MLP, "float64", model.state_dict(), grads, 0.2, 0.1)
    expected = ref.sgd_weight_decay_step([p.detach() for p in model.parameters()], grads, 0.2, 0.1)
    for (name, _), a, b in zip(model.named_parameters(), got, expected):
        check_close(f"'{name}' of a network after sgd_step_l2(model.parameters(), 0.2, 0.1)", a, b, rtol=1e-12, atol=1e-14)


# --- train_l2 -------------------------------------------------------------------------------

def _hidden_run(seed):
    """Start weights and batches (5, 2 and 6 examples) of a hidden training run, in float64."""
    model, gen = _random_model(TRAINED, seed, scale=0.8)
    x = torch.randn(13, 3, generator=gen, dtype=torch.float64)
    y = torch.randn(13, 2, generator=gen, dtype=torch.float64)
    return model, make_batches(x, y, [5, 2, 6])


def _reference_run(start, batches, lr, epochs, decay_of, decay_unreached=True):
    """Parameters after ``ref.sgd_weight_decay_run`` from ``start`` (weight_decay ``decay_of(p)``), and its losses."""
    model = copy.deepcopy(start)
    losses = ref.sgd_weight_decay_run(model, batches, lr, epochs, [decay_of(p) for p in model.parameters()],
                                      decay_unreached)
    return [p.detach().clone() for p in model.parameters()], losses


def _check_trajectory(student, layers, start, batches, lr, lam, epochs, rtol, atol, where):
    """The student's train_l2 against SGD(weight_decay=lam) from the same weights on the same batches."""
    run = student.probe("train", layers, _dtype_of(start), start.state_dict(), batches, lr, lam, epochs)
    expected, _ = _reference_run(start, batches, lr, epochs, lambda p: lam)
    twice = _reference_run(start, batches, lr, epochs, lambda p: 2 * lam)[0]
    variants = {
        "the decay acts twice (the penalty in the loss and weight_decay in SGD, or lam instead of lam / 2).": twice,
        "the penalty never reaches the gradients (added after backward(), or cut off by .item(), float() or "
        ".detach()).": _reference_run(start, batches, lr, epochs, lambda p: 0.0)[0],
        "the biases are not penalised.": _reference_run(start, batches, lr, epochs, lambda p: lam * (p.dim() > 1))[0],
        "the decay comes from SGD's weight_decay, which skips a parameter without a gradient: put l2_penalty in "
        "the loss and use plain SGD (no weight_decay).":
            _reference_run(start, batches, lr, epochs, lambda p: lam, decay_unreached=False)[0],
    }
    # A mistake is named only when all the parameters end where it leads: on one parameter
    # alone several of them can agree (the unused one ends the same with or without weight_decay).
    found = {message: params for message, params in variants.items()
             if all_close(to_floats(run["parameters"]), to_floats(params), rtol, atol)}
    check_close(f"number of loss_fn calls {where}", run["loss_calls"], len(batches) * epochs, likely={
        "loss_fn is called twice per batch; call it once and keep the data loss.": 2 * len(batches) * epochs})
    for i, (name, _) in enumerate(start.named_parameters()):
        what = f"'{name}'" + (" (a parameter the output does not use: only the penalty reaches it)"
                              if name.endswith("unused") else "")
        check_close(f"{what} after {epochs} epochs of train_l2 {where}, against SGD with weight_decay={lam}",
                    run["parameters"][i], expected[i], rtol=rtol, atol=atol,
                    likely={message: params[i] for message, params in found.items()})


@suite.test("test_train_l2", exercise="train_l2")
def test_train_l2(student):
    x, y = regression_task(seed=7).train.tensors
    start = probes.build_model(REGRESSION, "float32", regression_net(hidden=20, seed=3).state_dict())
    _check_trajectory(student, REGRESSION, start, make_batches(x, y, [5, 5, 5]), 0.05, 0.1, 5, 1e-4, 1e-6,
                      "(the notebook's example: regression data in batches of 5, lr=0.05, lam=0.1)")
    for seed, lr, lam, epochs in ((730, 0.1, 0.25, 3), (731, 0.3, 0.02, 2), (732, 0.2, 0.0, 2)):
        start, batches = _hidden_run(seed)
        _check_trajectory(student, TRAINED, start, batches, lr, lam, epochs, 1e-10, 1e-12,
                          f"(lr={lr}, lam={lam}, batches of 5, 2 and 6 examples)")


@suite.test("test_train_l2_losses", exercise="train_l2")
def test_train_l2_losses(student):
    # With lr=0 the weights stay where they start, so the expected losses do not depend on the
    # training itself (test_train_l2's): only on what is reported. With lr > 0 they are known
    # only along the right path, so they are compared where the run followed it.
    for seed, lr, lam, epochs in ((742, 0.0, 0.5, 2), (740, 0.1, 0.5, 3), (741, 0.05, 2.0, 2)):
        start, batches = _hidden_run(seed)
        run = student.probe("train", TRAINED, "float64", start.state_dict(), batches, lr, lam, epochs)
        returned = run["returned"]
        check(type(returned) is list and len(returned) == epochs,
              f"train_l2 must return a list with one entry per epoch ({epochs}), got {_kind(returned)}"
              + (f" of length {len(returned)}." if isinstance(returned, (list, tuple)) else "."))
        parameters, (means, weighted, totals) = _reference_run(start, batches, lr, epochs, lambda p: lam)
        if lr > 0 and not all_close(to_floats(run["parameters"]), to_floats(parameters), rtol=1e-10, atol=1e-12):
            continue
        check_close(f"per-epoch losses returned by train_l2 (lr={lr}, lam={lam}, batches of 5, 2 and 6 examples)",
                    returned, means, rtol=1e-8, atol=1e-12, likely={
            "the penalty is included: report the data loss alone, so that runs with different lam compare.": totals,
            "each batch's loss is weighted by its size; the spec asks for the mean of the per-batch losses.": weighted,
        })


# --- decay_numbers --------------------------------------------------------------------------

@suite.test("test_decay_numbers", exercise="decay_numbers",
            values=["sgd_after_one_step", "adam_after_one_step", "adamw_after_one_step", "sgd_decay_factor"])
def test_decay_numbers(student):
    answers = {name: student.value(name) for name in
               ("sgd_after_one_step", "adam_after_one_step", "adamw_after_one_step", "sgd_decay_factor")}
    for name, value in answers.items():
        check(type(value) in (float, int), f"{name} should be a number, got {_kind(value)}.")
    sgd, adam, adamw = (ref.after_one_step(make) for make in (torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW))
    check_close("sgd_after_one_step", answers["sgd_after_one_step"], sgd, rtol=1e-5, likely={
        "the decay is lr * lam * theta = 0.002, not lam * theta.": 2.0 - 0.1 * 2.0,
    })
    check_close("adam_after_one_step", answers["adam_after_one_step"], adam, rtol=1e-5, likely={
        "that is the SGD (and AdamW) answer: Adam divides the gradient lam * theta by its own running size, "
        "so the first step moves theta by about lr, whatever lam and theta are.": sgd,
        "Adam's weight_decay adds lam * theta to the gradient; it does not leave theta alone.": 2.0,
    })
    check_close("adamw_after_one_step", answers["adamw_after_one_step"], adamw, rtol=1e-5, likely={
        "AdamW's decay is scaled by the learning rate: theta * (1 - lr * lam).": 2.0 * (1 - 0.1),
        "that is Adam with an L2 penalty; AdamW decays theta directly and its Adam step on a zero gradient is 0.": adam,
    })
    check_close("sgd_decay_factor", answers["sgd_decay_factor"], 1 - 0.1 * 5e-4, rtol=1e-9, likely={
        "the factor is 1 - lr * lam; lam alone is not the per-step decay.": 1 - 5e-4,
        "that is the amount removed (lr * lam), the factor is 1 - lr * lam.": 0.1 * 5e-4,
    })


def _kind(value):
    return type(value).__name__ if not isinstance(value, torch.Tensor) else f"a tensor of shape {tuple(value.shape)}"
