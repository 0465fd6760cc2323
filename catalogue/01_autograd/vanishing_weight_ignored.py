# exercise: vanishing_numbers
# kind: wrong
# fails: test_vanishing_numbers
# why: forgets that the weight 3 multiplies each layer's slope
# names: each layer's local derivative is 3
max_tanh_slope = 1.0
ten_layer_bound = 0.25 ** 10
