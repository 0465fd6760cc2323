# exercise: mse_grads
# base: reference
# fault: rename
# stopped by: the grader grades the only notebook in the folder under its expected name
# flagged: no
# why: the notebook was saved under another name

