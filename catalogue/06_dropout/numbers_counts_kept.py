# exercise: dropout_numbers
# kind: wrong
# fails: test_dropout_numbers
# why: counts the kept units (1 - p of them) as the dropped ones
# names: the number of units kept
survivor_value = 4.0
expected_output = 3.0
expected_dropped = 0.75 * 512
