# exercise: vanishing_numbers
# kind: wrong
# fails: test_vanishing_numbers
# why: sigma(0) = 0.5 taken for the slope
# names: 0.5 is sigma(0)
max_sigmoid_slope = 0.5
ten_layer_bound = 0.5 ** 10
