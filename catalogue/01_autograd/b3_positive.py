# exercise: b3_grad_after_four_calls
# kind: wrong
# fails: test_b3_grad_after_four_calls
# why: the sign lost
# names: the gradient of the bias is negative here
b3_grad_after_four_calls = 16.3794
