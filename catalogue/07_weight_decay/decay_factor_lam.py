# exercise: decay_numbers
# kind: wrong
# fails: test_decay_numbers
# why: takes 1 - lam as the per-step factor, leaving out the learning rate
# names: the factor is 1 - lr * lam
sgd_after_one_step = 1.998
adam_after_one_step = 1.99
adamw_after_one_step = 1.998
sgd_decay_factor = 1 - 5e-4
