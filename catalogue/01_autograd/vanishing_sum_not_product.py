# exercise: vanishing_numbers
# kind: wrong
# fails: test_vanishing_numbers
# why: 0.25 * 10 instead of 0.25 ** 10
# names: ten layers multiply ten slopes
max_sigmoid_slope = 0.25
ten_layer_bound = 0.25 * 10
