# exercise: batch_answers
# kind: wrong
# fails: test_batch_answers
# why: counts examples instead of batches
# names: the number of examples
updates_per_epoch = 1000
last_batch_size = 40
