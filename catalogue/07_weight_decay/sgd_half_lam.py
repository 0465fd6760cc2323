# exercise: sgd_step_l2
# kind: wrong
# fails: test_sgd_step_l2
# why: uses lam / 2 (the penalty's factor) instead of the gradient's lam
# names: lam / 2 is the factor of the penalty
def sgd_step_l2(params, lr, lam):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p -= lr * (p.grad + lam / 2 * p)
