# exercise: mse_grads
# base: mse_grads_sign_flipped
# stopped by: output past 4 MB a cell is dropped as it arrives, rich display data included
# flagged: no
# why: displays 160 MB of HTML, which nbgrader would keep in memory and write into the graded notebook and the feedback
from IPython.display import HTML, display
for _ in range(20):
    display(HTML("<b>x</b>" * 2**20))
def mse_grads(x, y, w, b):
    residual = y - (w * x + b)
    n = x.shape[0]
    return 2.0 / n * (residual * x).sum(), 2.0 / n * residual.sum()
