# exercise: mse_grads
# base: reference
# fault: extra-module
# stopped by: nbgrader copies only the notebook, and the kernel works in an empty private folder
# flagged: no
# why: a file named like torch's compiled module beside the notebook; in the kernel's folder, first on sys.path, it would be imported instead of torch
