# exercise: b3_grad_after_four_calls
# kind: wrong
# fails: test_b3_grad_after_four_calls
# why: one call's gradient (accumulation forgotten)
# names: that is one call's gradient
b3_grad_after_four_calls = -4.0949
