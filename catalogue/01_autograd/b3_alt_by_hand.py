# exercise: b3_grad_after_four_calls
# kind: alternative
# why: four times the student's own hand-written gradient at (2, 3)
b3_grad_after_four_calls = 4 * float(backward(params, torch.tensor([2.0]), torch.tensor([3.0]))["b3"])
