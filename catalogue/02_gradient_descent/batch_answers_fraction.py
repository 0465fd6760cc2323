# exercise: batch_answers
# kind: wrong
# fails: test_batch_answers
# why: fractional answers from plain division
# names: form a 16th, smaller batch
updates_per_epoch = int(1000 / 64)
last_batch_size = int(1000 / 64 % 1 * 64)
