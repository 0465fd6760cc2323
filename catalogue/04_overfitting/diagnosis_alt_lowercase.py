# exercise: diagnosis
# kind: alternative
# why: lower-case answers with stray spaces, chosen computed from the table
losses = {"A": (7.9, 8.2), "B": (3.2, 3.9), "C": (0.4, 9.6), "D": (2.4, 4.6)}
underfitting_model = "a "
overfitting_model = " c"
chosen_model = min(losses, key=lambda k: losses[k][1]).lower()
report_set = "Test"
