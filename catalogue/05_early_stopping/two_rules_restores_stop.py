# exercise: two_rules
# kind: wrong
# fails: test_two_rules
# why: thinks early stopping keeps the weights of the epoch it stops at
# names: hands back the best epoch's weights
consecutive_stop_epoch = 10
patience_stop_epoch = 7
restored_epoch = 7
