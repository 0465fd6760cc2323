# exercise: diagnosis
# kind: wrong
# fails: test_diagnosis
# why: underfitting and overfitting swapped
underfitting_model = "C"
overfitting_model = "A"
chosen_model = "B"
report_set = "test"
