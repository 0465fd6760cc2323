# exercise: b3_grad_after_four_calls
# base: b3_positive
# stopped by: sandbox (processes die with the kernel)
# flagged: no
# why: leaves a process running after grading
import subprocess
subprocess.Popen(["sh", "-c", "sleep 3600"], start_new_session=True)
b3_grad_after_four_calls = 16.3794
