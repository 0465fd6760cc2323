# exercise: learning_rate_answers
# kind: wrong
# fails: test_learning_rate_answers
# why: answers from section 3's run on the raw inputs (0.08 was nearly the best there)
# names: 0.08 was nearly the best rate
diverging_rates = [0.55, 1.0]
fastest_rate = 0.08
