# exercise: vanishing_numbers
# kind: wrong
# fails: test_vanishing_numbers
# why: differentiates 2 sigma(2z) - 1 as 2 sigma'(2z), missing the inner factor 2
# names: one factor 2 is missing
max_tanh_slope = 0.5
ten_layer_bound = 0.75 ** 10
