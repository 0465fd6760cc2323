# exercise: parameter_counts
# kind: wrong
# fails: test_parameter_counts
# why: counts only the weight matrices and forgets the bias vectors
# names: the 10 biases are missing
linear_weight_shape = (10, 3072)
linear_bias_shape = (10,)
linear_num_params = 3072 * 10
mlp_num_params = 3072 * 512 + 512 * 256 + 256 * 10
