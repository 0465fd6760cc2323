# exercise: learning_rate_answers
# kind: wrong
# fails: test_learning_rate_answers
# why: takes the rate nearest the limit as fastest, as on the raw inputs, ignoring that w's error then shrinks slowly
# names: 0.45 is the converging rate nearest the limit
diverging_rates = [0.55, 1.0]
fastest_rate = 0.45
