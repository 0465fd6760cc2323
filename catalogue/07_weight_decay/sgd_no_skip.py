# exercise: sgd_step_l2
# kind: wrong
# fails: test_sgd_step_l2
# why: does not skip parameters whose .grad is None
def sgd_step_l2(params, lr, lam):
    with torch.no_grad():
        for p in params:
            p -= lr * (p.grad + lam * p)
