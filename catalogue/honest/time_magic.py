# why: %%time on an answer cell, to see how long it takes
# change: prefix-answer
# exercise: mse_grads
%%time
