# exercise: ce_floor
# kind: wrong
# fails: test_ce_floor
# why: gives the loss of a uniform guess, log(10)
# names: loss of a uniform guess
ce_floor_on_probabilities = 2.302585
