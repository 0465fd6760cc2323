# exercise: sgd_step_l2
# kind: wrong
# fails: test_sgd_step_l2
# why: the decay term is not multiplied by the learning rate
# names: missing the learning rate
def sgd_step_l2(params, lr, lam):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p -= lr * p.grad + lam * p
