# exercise: mse_grads
# base: mse_grads_sign_flipped
# fault: symlink-to-source
# stopped by: nbgrader reads only regular notebook files: the submission is refused with the reason
# flagged: no
# why: the submitted notebook is a symbolic link to the instructor's source notebook (planted through an exchange inbox); followed, it would earn full marks
