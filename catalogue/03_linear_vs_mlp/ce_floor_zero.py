# exercise: ce_floor
# kind: wrong
# fails: test_ce_floor
# why: believes a certain, correct model always reaches loss 0, whatever the loss is fed
# names: 0 is the floor when you pass raw scores
ce_floor_on_probabilities = 0.0
