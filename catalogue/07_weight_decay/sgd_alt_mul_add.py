# exercise: sgd_step_l2
# kind: alternative
# why: shrink first, then the plain step, with in-place tensor methods; a decorator instead of a with block
@torch.no_grad()
def sgd_step_l2(params, lr, lam):
    for p in [q for q in params if q.grad is not None]:
        p.mul_(1 - lr * lam).add_(p.grad, alpha=-lr)
