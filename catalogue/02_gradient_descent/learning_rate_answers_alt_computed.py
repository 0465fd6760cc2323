# exercise: learning_rate_answers
# kind: alternative
# why: computed with run_gd on the centred inputs, as a set and a float from the list
candidates = [0.01, 0.08, 0.3, 0.45, 0.55, 1.0]
final_loss = {lr: run_gd(lr, 10, x=x_centred)[2][-1] for lr in candidates}
diverging_rates = {lr for lr, loss in final_loss.items() if loss > run_gd(lr, 1, x=x_centred)[2][0]}
fastest_rate = min((lr for lr in candidates if lr not in diverging_rates), key=lambda lr: final_loss[lr])
