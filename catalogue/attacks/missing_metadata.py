# exercise: mse_grads
# base: reference
# fault: strip-metadata
# stopped by: nbgrader restores the test cells from the gradebook
# flagged: no
# why: every cell lost its nbgrader metadata (copied into a new notebook)

