# exercise: decay_numbers
# kind: wrong
# fails: test_decay_numbers
# why: assumes Adam's weight_decay shrinks theta like SGD's
# names: that is the SGD (and AdamW) answer
sgd_after_one_step = 1.998
adam_after_one_step = 1.998
adamw_after_one_step = 1.998
sgd_decay_factor = 0.99995
