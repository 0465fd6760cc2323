# exercise: sgd_step_l2
# kind: wrong
# fails: test_sgd_step_l2
# why: p = p - ... creates a new tensor and rebinds the loop variable; the parameters never change
# names: the weights did not change
def sgd_step_l2(params, lr, lam):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p = p - lr * (p.grad + lam * p)
