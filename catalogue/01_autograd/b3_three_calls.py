# exercise: b3_grad_after_four_calls
# kind: wrong
# fails: test_b3_grad_after_four_calls
# why: three calls, as the loop of section 7 makes, instead of four
# names: that is three calls' gradients
b3_grad_after_four_calls = -12.2846
