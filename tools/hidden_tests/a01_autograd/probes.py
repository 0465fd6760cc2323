"""Runs in the grading worker, beside the student's code (``tools.worker.serve``): calls it in
ways a plain call cannot, and reports what happened. Decides nothing, knows no answer."""


def backward_without_autograd(ns, params, x, y):
    """``backward`` run in inference mode with the autograd engine trapped: how it ended, and
    whether autograd was reached at all."""
    import torch
    from course import checks
    outcome = "returned"
    with checks.forbid_autograd() as calls, torch.inference_mode():
        try:
            ns["backward"](dict(params), x, y)
        except checks.AutogradUsed:
            outcome = "autograd"
        except Exception as error:
            outcome = f"{type(error).__name__}: {error}"[:300]
    return {"autograd_calls": len(calls), "outcome": outcome}


def numerical_grad_of_cubic(ns, h):
    """``numerical_grad`` on f(p) = a^3 + b*a + c at a=2, b=1.5: the estimate, the caller's dict
    afterwards, and the caller's dict as f saw it during each call."""
    caller = {"a": 2.0, "b": 1.5, "c": -0.25}
    seen = []

    def cubic(p):
        seen.append(dict(caller))
        return p["a"] ** 3 + p["b"] * p["a"] + p["c"]

    got = ns["numerical_grad"](cubic, caller, "a", h=h) if h is not None else ns["numerical_grad"](cubic, caller, "a")
    return {"value": got, "caller_after": dict(caller), "seen": seen}


def numerical_grad_wrt_b(ns):
    return ns["numerical_grad"](lambda p: p["a"] ** 3 + p["b"] * p["a"] + p["c"], {"a": 2.0, "b": 1.5, "c": -0.25}, "b")


def numerical_grad_of_tensor_square(ns):
    import torch
    return ns["numerical_grad"](lambda p: torch.tensor(p["c"], dtype=torch.float64) ** 2, {"c": 3.0}, "c", h=1e-3)


def numerical_grad_of_loss(ns, params, name, x, y):
    """The worked example: ``numerical_grad`` of the network's loss, in float64."""
    def loss_of(p):
        z1, z2 = p["w1"] * x + p["b1"], p["w2"] * x + p["b2"]
        y_hat = p["w3"] / (1 + (-z1).exp()) + p["w4"] / (1 + (-z2).exp()) + p["b3"]
        return float(((y - y_hat) ** 2).mean())
    return ns["numerical_grad"](loss_of, params, name)
