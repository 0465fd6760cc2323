# exercise: vanishing_numbers
# kind: alternative
# why: computed from the student's own sigmoid_grad
sigmoid_peak = float(sigmoid_grad(torch.tensor(0.0, dtype=torch.float64)))
max_tanh_slope = 2 * 2 * sigmoid_peak
ten_layer_bound = (3 * sigmoid_peak) ** 10
