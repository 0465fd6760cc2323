# exercise: learning_rate_answers
# kind: wrong
# fails: test_learning_rate_answers
# why: 0.08 zig-zags but converges; it is not diverging
diverging_rates = [0.08, 0.1, 0.3]
fastest_rate = 0.06
