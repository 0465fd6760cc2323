# exercise: two_rules
# kind: wrong
# fails: test_two_rules
# why: counts epochs from 1
# names: epochs are 0-based
consecutive_stop_epoch = 11
patience_stop_epoch = 8
restored_epoch = 5
