# exercise: dropout_numbers
# kind: wrong
# fails: test_dropout_numbers
# why: multiplies survivors by 1 - p (the old test-time rule) instead of dividing
# names: divided by (1 - p), not multiplied
survivor_value = 3.0 * 0.75
expected_output = 3.0
expected_dropped = 128
