# exercise: batch_answers
# kind: wrong
# fails: test_batch_answers
# why: integer division drops the partial last batch
# names: form a 16th, smaller batch
updates_per_epoch = 1000 // 64
last_batch_size = 64
