# exercise: vanishing_numbers
# kind: wrong
# fails: test_vanishing_numbers
# why: off by one layer (0.25 ** 9)
max_sigmoid_slope = 0.25
ten_layer_bound = 0.25 ** 9
