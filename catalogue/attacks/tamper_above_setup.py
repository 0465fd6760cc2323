# exercise: mse_grads
# base: mse_grads_sign_flipped
# fault: cell-above-setup
# stopped by: verdict outside the kernel (a cell above the set-up changes nothing the verdict reads)
# flagged: yes
# why: a cell above the set-up cell, run before course.checks is imported, makes every comparison pass
import builtins
_real_import = builtins.__import__
def _import(name, *args, **kwargs):
    module = _real_import(name, *args, **kwargs)
    if name == "course" or name.startswith("course."):
        try:
            import course.checks as c
            c.check_close = lambda *a, **k: None
            c.check = lambda *a, **k: None
        except Exception:
            pass
    return module
builtins.__import__ = _import
