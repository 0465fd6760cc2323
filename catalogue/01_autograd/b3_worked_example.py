# exercise: b3_grad_after_four_calls
# kind: wrong
# fails: test_b3_grad_after_four_calls
# why: four calls on the example of the cells above, (1, 3), not on the question's (2, 3)
# names: that is four calls at x = 1
b3_grad_after_four_calls = 4 * -3.3142
