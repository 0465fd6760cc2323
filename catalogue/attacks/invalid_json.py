# exercise: mse_grads
# base: reference
# fault: invalid-json
# stopped by: listed as failed, with the reason; the rest of the class is graded
# flagged: no
# why: the submitted file is not a notebook

