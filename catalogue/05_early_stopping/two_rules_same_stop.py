# exercise: two_rules
# kind: wrong
# fails: test_two_rules
# why: treats patience as consecutive increases (the dip at epoch 7 reset nothing for the patience rule)
# names: where the consecutive-increases rule stops
consecutive_stop_epoch = 10
patience_stop_epoch = 10
restored_epoch = 4
