# exercise: diagnosis
# kind: wrong
# fails: test_diagnosis
# why: reports the validation loss that was used to choose the model
underfitting_model = "A"
overfitting_model = "C"
chosen_model = "B"
report_set = "validation"
