# exercise: b3_grad_after_four_calls
# kind: wrong
# fails: test_b3_grad_after_four_calls
# why: the lecture's three calls instead of four
b3_grad_after_four_calls = -9.9426
