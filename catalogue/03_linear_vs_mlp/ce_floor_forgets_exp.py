# exercise: ce_floor
# kind: wrong
# fails: test_ce_floor
# why: in the second softmax gives the true class e^0 = 1 like the others: log(10) - 1
# names: the true class gets e^1
ce_floor_on_probabilities = 1.302585
