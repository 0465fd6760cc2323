# exercise: learning_rate_answers
# kind: wrong
# fails: test_learning_rate_answers
# why: picks the largest learning rate as fastest although it diverges
# names: 1.0 diverges
diverging_rates = [0.55, 1.0]
fastest_rate = 1.0
