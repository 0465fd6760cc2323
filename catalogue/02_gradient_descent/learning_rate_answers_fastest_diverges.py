# exercise: learning_rate_answers
# kind: wrong
# fails: test_learning_rate_answers
# why: picks the largest learning rate as fastest although it diverges
# names: diverges fastest
diverging_rates = [0.1, 0.3]
fastest_rate = 0.3
