# exercise: decay_numbers
# kind: wrong
# fails: test_decay_numbers
# why: forgets that AdamW's decay is scaled by the learning rate
# names: AdamW's decay is scaled by the learning rate
sgd_after_one_step = 1.998
adam_after_one_step = 1.99
adamw_after_one_step = 1.8
sgd_decay_factor = 0.99995
