# exercise: parameter_counts
# kind: wrong
# fails: test_parameter_counts
# why: counts the two hidden layers of the MLP but not its output layer
# names: the output layer (256 * 10 + 10) is missing
linear_weight_shape = (10, 3072)
linear_bias_shape = (10,)
linear_num_params = 30730
mlp_num_params = (3072 * 512 + 512) + (512 * 256 + 256)
