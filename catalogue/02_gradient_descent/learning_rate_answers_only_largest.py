# exercise: learning_rate_answers
# kind: wrong
# fails: test_learning_rate_answers
# why: misses that 0.55, just past the limit 0.5, diverges too
diverging_rates = [1.0]
fastest_rate = 0.3
