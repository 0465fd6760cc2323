# exercise: vanishing_numbers
# kind: wrong
# fails: test_vanishing_numbers
# why: adds the ten layers' factors where the chain rule multiplies them
# names: ten layers multiply ten factors
max_tanh_slope = 1.0
ten_layer_bound = 0.75 * 10
