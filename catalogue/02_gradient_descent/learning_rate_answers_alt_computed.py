# exercise: learning_rate_answers
# kind: alternative
# why: computed with run_gd, as a set and a float from the list
candidates = [0.001, 0.01, 0.03, 0.06, 0.08, 0.1, 0.3]
final_loss = {lr: run_gd(lr, 50)[2][-1] for lr in candidates}
diverging_rates = {lr for lr, loss in final_loss.items() if loss > 1e6}
fastest_rate = min((lr for lr in candidates if lr not in diverging_rates), key=lambda lr: final_loss[lr])
