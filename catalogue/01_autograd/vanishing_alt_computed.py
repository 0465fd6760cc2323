# exercise: vanishing_numbers
# kind: alternative
# why: computed from the student's own sigmoid_grad
max_sigmoid_slope = float(sigmoid_grad(torch.tensor(0.0, dtype=torch.float64)))
ten_layer_bound = max_sigmoid_slope ** 10
