# exercise: vanishing_numbers
# kind: wrong
# fails: test_vanishing_numbers
# why: counts nine factors for ten layers
# names: that is nine factors
max_tanh_slope = 1.0
ten_layer_bound = 0.75 ** 9
