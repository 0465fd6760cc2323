# exercise: learning_rate_answers
# kind: wrong
# fails: test_learning_rate_answers
# why: misses that 0.1 diverges too
diverging_rates = [0.3]
fastest_rate = 0.1
