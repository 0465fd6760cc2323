# exercise: learning_rate_answers
# kind: wrong
# fails: test_learning_rate_answers
# why: 0.45 zig-zags along w but converges; it is not diverging
diverging_rates = [0.45, 0.55, 1.0]
fastest_rate = 0.3
