# exercise: dropout_numbers
# kind: wrong
# fails: test_dropout_numbers
# why: forgets the inverted scaling: a survivor passes 3.0 unchanged, so the expectation shrinks to 2.25
# names: without inverted scaling
survivor_value = 3.0
expected_output = 2.25
expected_dropped = 128
