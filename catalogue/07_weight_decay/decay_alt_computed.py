# exercise: decay_numbers
# kind: alternative
# why: measured by running the three optimizers for one step
def _after_one_step(make):
    theta = torch.tensor([2.0], requires_grad=True)
    optimizer = make([theta], lr=0.01, weight_decay=0.1)
    (0 * theta).sum().backward()
    optimizer.step()
    return theta.item()


sgd_after_one_step = _after_one_step(torch.optim.SGD)
adam_after_one_step = _after_one_step(torch.optim.Adam)
adamw_after_one_step = _after_one_step(torch.optim.AdamW)
sgd_decay_factor = 1.0 - 0.1 * 5e-4
