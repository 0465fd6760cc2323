# exercise: diagnosis
# kind: wrong
# fails: test_diagnosis
# why: picks the model with the lower training loss among the plausible ones
underfitting_model = "A"
overfitting_model = "C"
chosen_model = "D"
report_set = "test"
