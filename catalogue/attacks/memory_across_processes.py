# exercise: mse_grads
# base: mse_grads_sign_flipped
# stopped by: one memory limit for all the sandbox's processes (a cgroup, where one can be made): the kernel dies, the reason is recorded, later test cells score 0
# flagged: no
# why: five processes of 1 GB each, every one under the per-process limit, 5 GB together
import multiprocessing, time
def _hold():
    block = bytearray(2**30)
    for i in range(0, len(block), 4096):
        block[i] = 1
    time.sleep(30)
children = [multiprocessing.Process(target=_hold) for _ in range(5)]
for child in children:
    child.start()
time.sleep(15)
def mse_grads(x, y, w, b):
    residual = y - (w * x + b)
    n = x.shape[0]
    return 2.0 / n * (residual * x).sum(), 2.0 / n * residual.sum()
