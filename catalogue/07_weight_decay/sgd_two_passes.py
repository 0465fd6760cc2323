# exercise: sgd_step_l2
# kind: wrong
# fails: test_sgd_step_l2
# why: two passes over params: with a generator such as model.parameters() the second pass is empty
# names: the weights did not change
def sgd_step_l2(params, lr, lam):
    with torch.no_grad():
        for p in params:
            if p.grad is not None:
                p.grad += lam * p
        for p in params:
            if p.grad is not None:
                p -= lr * p.grad
