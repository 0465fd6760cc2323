# exercise: parameter_counts
# kind: wrong
# fails: test_parameter_shapes test_parameter_counts
# why: takes an image to be 32 x 32 = 1024 numbers, forgetting the three colour channels
# names: 3 * 32 * 32 = 3072 numbers
linear_weight_shape = (10, 1024)
linear_bias_shape = (10,)
linear_num_params = 1024 * 10 + 10
mlp_num_params = (1024 * 512 + 512) + (512 * 256 + 256) + (256 * 10 + 10)
