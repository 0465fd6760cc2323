"""The machinery of the ``train_epoch`` tests: one epoch of the student's loop in the worker and
of the reference (and of the catalogued mistakes) here, from the same weights on the same
batches, and the checks of what came of it."""
import torch

from course.checks import check, check_close, fail, shape_of
from tools.hidden_tests.a02_gradient_descent import mistakes, probes, reference as ref
from tools.hidden_tests.a02_gradient_descent.compare import close, kind


def initial_state(spec, dtype, gen, scale):
    """Weights for a model of ``spec`` drawn from ``gen`` (running variances from 0.5 to 1.5)."""
    state = {}
    for key, value in probes.prepared_model(spec, dtype).state_dict().items():
        if key.endswith("num_batches_tracked"):
            state[key] = value.clone()
        elif key.endswith("running_var"):
            state[key] = (0.5 + torch.rand(value.shape, generator=gen, dtype=torch.float64)).to(value.dtype)
        else:
            state[key] = (torch.randn(value.shape, generator=gen, dtype=torch.float64) * scale).to(value.dtype)
    return state


class Epoch:
    """One epoch of the student's ``train_epoch`` in the worker, and of the reference (and of
    the catalogued mistakes) here, all from the same weights on the same batches."""

    def __init__(self, spec, dtype, state, batches, lr, loss, train_mode=True, stale=None):
        self.start = dict(spec=spec, dtype=dtype, state=state, train_mode=train_mode, stale=stale)
        self.batches, self.lr, self.loss = batches, lr, loss
        self.losses, self.state = self.run()

    def run(self, **mistake):
        """(per-batch losses, state afterwards) of the reference loop, or of the loop with ``mistake``
        (keyword arguments of ``mistakes.train_epoch``)."""
        model = probes.prepared_model(**self.start)
        loss_fn = probes.loss_named(self.loss)
        epoch = mistakes.train_epoch if mistake else ref.train_epoch
        losses = epoch(model, self.batches, loss_fn, self.lr, **mistake)
        return losses, {k: v.clone() for k, v in model.state_dict().items()}

    def of_student(self, student):
        # A second pass serves other targets: a loop that goes through the loader twice trains on them.
        passes = [self.batches, [(x, -y) for x, y in self.batches]]
        return student.probe("trained_epoch", self.start["spec"], self.start["dtype"], self.start["state"], passes,
                             self.lr, self.loss, self.start["train_mode"], self.start["stale"])


def check_state(report, epoch, rtol, atol, where, likely):
    """The model's state after the student's epoch against the reference's; ``likely`` maps a
    mistake to the keyword arguments of ``Epoch.run`` that reproduce it."""
    got = report["state"]
    check(isinstance(got, dict) and set(got) == set(epoch.state),
          f"after train_epoch the model's state has the entries {sorted(got) if isinstance(got, dict) else got}, "
          f"expected {sorted(epoch.state)}: train the model you are given, do not replace its layers.")
    if all(close(got[k], v, rtol, atol) for k, v in epoch.state.items()):
        return
    if report["passes"] != 1:
        fail(f"train_epoch went through the loader {report['passes']} times {where}; one epoch is one pass (this "
             "loader serves other batches on a second pass, and the parameters show that they were trained on).")
    wrong = {description: epoch.run(**mistake)[1] for description, mistake in likely.items()}
    for key, expected in epoch.state.items():
        check_close(f"model.state_dict()['{key}'] after the epoch {where}, compared with a correct loop from the "
                    "same weights", got[key], expected,
                    rtol=rtol, atol=atol, likely={description: state[key] for description, state in wrong.items()})


def check_mean(report, epoch, rtol, where):
    """What the student's epoch returned against the mean of the reference's per-batch losses."""
    returned, losses = report["returned"], epoch.losses
    check(shape_of(returned) == (), f"train_epoch should return one number, got {kind(returned)}.")
    sizes = [len(xb) for xb, _ in epoch.batches]
    mean = sum(losses) / len(losses)
    accumulated = sum(epoch.run(zero="once")[0]) / len(losses)
    check_close(f"returned mean of the per-batch losses {where}", returned, mean, rtol=rtol, likely={
        "a mean over examples (each batch loss weighted by its size); the spec asks for the plain mean of the "
        "per-batch losses.": sum(l * s for l, s in zip(losses, sizes)) / sum(sizes),
        "the sum of the batch losses; divide by the number of batches.": sum(losses),
        "only the last batch's loss; average over all batches.": losses[-1],
        "the first batch's loss only.": losses[0],
        "the gradients accumulate across batches: zero them before every backward pass.": accumulated,
    })
