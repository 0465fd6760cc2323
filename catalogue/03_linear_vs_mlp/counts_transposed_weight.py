# exercise: parameter_counts
# kind: wrong
# fails: test_parameter_shapes
# why: writes the weight as (inputs, outputs), the way the maths x^T W reads, not as nn.Linear stores it
# names: one row per output
linear_weight_shape = (3072, 10)
linear_bias_shape = (10,)
linear_num_params = 30730
mlp_num_params = 1707274
