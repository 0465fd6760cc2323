"""What the prose of 01 claims, checked on the student-size run of the reference solution."""
CLAIMS = [
    ("backward() adds to .grad: after k calls on freshly computed losses, dL/db3 is k times one call's",
     "all(abs(g - (k + 1) * accumulated_b3[0]) < 1e-4 for k, g in enumerate(accumulated_b3)) "
     "and len(accumulated_b3) == 3 and accumulated_b3[0] < 0"),
    ("with zero_grad() before each backward() every call sees one call's gradient",
     "all(abs(g - accumulated_b3[0]) < 1e-6 for g in zeroed_b3)"),
    ("autograd, the hand-written backward and the central difference agree on all seven gradients",
     "all(abs(float(by_autograd[k]) - float(by_hand[k])) < 1e-4 "
     "and abs(numerical_grad(loss_of, params, k) - float(by_hand[k])) < 1e-3 for k in by_autograd)"),
    ("the gradient through a chain of sigmoids shrinks with every layer",
     "all(b < a for a, b in zip(chain_gradients, chain_gradients[1:]))"),
    ("with unit weights it shrinks at least as fast as 0.25 ** k",
     "all(g <= 0.25 ** k for k, g in zip(depths, chain_gradients))"),
]
