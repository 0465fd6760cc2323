# exercise: b3_grad_after_four_calls
# kind: wrong
# fails: test_b3_grad_after_four_calls
# why: sign lost
# names: the gradient of the bias is negative
b3_grad_after_four_calls = 13.2568
