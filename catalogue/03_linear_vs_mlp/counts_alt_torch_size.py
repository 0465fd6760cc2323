# exercise: parameter_counts
# kind: alternative
# why: reads the shapes off a real nn.Linear (torch.Size, a list) and counts with a loop over layer sizes
_layer = nn.Linear(3 * 32 * 32, 10)
linear_weight_shape = _layer.weight.shape
linear_bias_shape = list(_layer.bias.shape)
linear_num_params = _layer.weight.numel() + _layer.bias.numel()
_sizes = [3072, 512, 256, 10]
mlp_num_params = 0
for _a, _b in zip(_sizes[:-1], _sizes[1:]):
    mlp_num_params += _a * _b + _b
