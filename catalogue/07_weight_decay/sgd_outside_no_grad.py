# exercise: sgd_step_l2
# kind: wrong
# fails: test_sgd_step_l2
# why: updates the leaf tensors in place while autograd records (no torch.no_grad())
def sgd_step_l2(params, lr, lam):
    for p in params:
        if p.grad is not None:
            p -= lr * (p.grad + lam * p)
