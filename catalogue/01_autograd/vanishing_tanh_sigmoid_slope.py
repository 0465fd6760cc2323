# exercise: vanishing_numbers
# kind: wrong
# fails: test_vanishing_numbers
# why: takes the sigmoid's largest slope for the tanh's
# names: 0.25 is the sigmoid's largest slope
max_tanh_slope = 0.25
ten_layer_bound = 0.75 ** 10
