"""Notice a submission that replaced what the tests rely on.

Student code runs in the same kernel as the tests, so it could replace ``torch.allclose``,
``builtins.abs``, a function of ``course.checks``, or hook IPython so that a failing test
looks like a passing one. A ``Guard`` records, before any student code runs, the identity of
everything the checks lean on; ``Guard.verify()`` (run first in every graded test cell)
raises ``TamperDetected`` naming whatever has been replaced since.

The grader creates the guard itself at the end of the notebook's locked set-up cell, under
a name chosen at random for each run (``tools.grader.guard.GuardTestCells``), and a
static scan of the submission runs outside the kernel (``tools.grader.tamper_scan``), where student
code cannot reach it.
"""
import builtins
import math
import sys

import torch


class TamperDetected(AssertionError):
    """The grading environment was modified by the submission."""


# Modules whose public attributes must keep their identity; classes whose methods must.
_MODULE_NAMES = ("builtins", "math", "numpy", "numpy.testing", "torch", "torch.nn.functional",
                 "torch.autograd", "torch.testing", "torch.nn.init")
_CLASSES = (torch.Tensor, torch.nn.Module, torch.nn.Parameter, torch.optim.Optimizer, torch.optim.SGD,
            torch.utils.data.DataLoader)
_IPYTHON_HOOKS = ("showtraceback", "showsyntaxerror", "run_cell", "run_cell_async", "run_ast_nodes",
                  "run_code", "transform_cell", "_showtraceback", "CustomTB", "custom_exceptions")
_IPYTHON_LISTS = ("input_transformers_cleanup", "input_transformers_post", "ast_transformers")
_ModuleType = type(sys)
# Captured at import, before student code: changes() must not call what it is checking.
_id, _type, _vars, _getattr, _len, _modules = builtins.id, builtins.type, builtins.vars, builtins.getattr, builtins.len, sys.modules


# ipykernel itself replaces builtins.input (and raw_input) for every cell it runs.
_CHANGED_BY_THE_KERNEL = {"input", "raw_input", "getpass"}


# torch itself wraps these on first use (functools.wraps): ``Optimizer.step`` gets a profiling
# hook when the first optimizer of a class is made, and importing torch._dynamo (which the
# first optimizer does) wraps ``torch.manual_seed``.
_WRAPPED_BY_TORCH = {"step", "manual_seed"}


def _unwrapped(value, name):
    """What ``value`` wraps, for the names torch wraps itself; elsewhere ``value``, so a
    replacement that merely claims to wrap the original is still noticed."""
    if name not in _WRAPPED_BY_TORCH:
        return value
    for _ in range(10):
        inner = _getattr(value, "__wrapped__", None)
        if inner is None:
            return value
        value = inner
    return value


def _callables(namespace):
    """The functions and classes a module offers (not its data, which may change legitimately)."""
    return {k: v for k, v in vars(namespace).items()
            if (not k.startswith("_") or k in ("__import__", "__build_class__"))
            and k not in _CHANGED_BY_THE_KERNEL and callable(v) and not isinstance(v, _ModuleType)}


def _shell():
    try:
        from IPython import get_ipython
        return get_ipython()
    except Exception:
        return None


class Guard:
    """Snapshot of the grading environment; ``verify()`` lists what changed since."""

    def __init__(self, namespace=None):
        self._modules = {}
        for name in _MODULE_NAMES + tuple(n for n in _modules if n == "course" or n.startswith("course.")):
            module = _modules.get(name)
            if module is not None:
                self._modules[name] = (module, {k: _id(_unwrapped(v, k)) for k, v in _callables(module).items()})
        self._classes = {cls: {k: _id(_unwrapped(v, k)) for k, v in vars(cls).items()} for cls in _CLASSES}
        shell = _shell()
        self._shell = shell
        self._hooks = {}
        if shell is not None:
            # Bound methods are new objects at each access: compare what the instance and its
            # class hold instead.
            self._hooks = {h: self._hook_id(shell, h) for h in _IPYTHON_HOOKS}
            self._hooks.update({h: [_id(f) for f in getattr(shell, h, [])] for h in _IPYTHON_LISTS})
            self._hooks["events"] = {e: [_id(f) for f in cbs] for e, cbs in shell.events.callbacks.items()}
        self._namespace = namespace
        self._names = {}
        if namespace is not None:
            self._names = {k: _id(v) for k, v in namespace.items() if isinstance(v, _ModuleType)}

    def _hook_id(self, shell, name):
        return (_id(vars(shell).get(name)), _id(getattr(_type(shell), name, None)))

    def changes(self):  # noqa: C901 (one loop per kind of thing watched)
        """Names of everything replaced, added to IPython's hooks, or rebound since the snapshot."""
        out, ident, vars, getattr, len = [], _id, _vars, _getattr, _len
        for name, (module, attrs) in self._modules.items():
            if _modules.get(name) is not module:
                out.append(f"sys.modules['{name}']")
            current = vars(module)
            for key, was in attrs.items():
                if key not in current or ident(_unwrapped(current[key], key)) != was:
                    out.append(f"{name}.{key}")
        for cls, attrs in self._classes.items():
            current = vars(cls)
            for key, was in attrs.items():
                if key not in current or ident(_unwrapped(current[key], key)) != was:
                    out.append(f"{cls.__module__}.{cls.__qualname__}.{key}")
            for key in current:
                if key not in attrs:
                    out.append(f"{cls.__module__}.{cls.__qualname__}.{key} (added)")
        shell = self._shell
        if shell is not None:
            for hook in _IPYTHON_HOOKS:
                if self._hook_id(shell, hook) != self._hooks[hook]:
                    out.append(f"IPython shell.{hook}")
            for hook in _IPYTHON_LISTS:
                if [ident(f) for f in getattr(shell, hook, [])] != self._hooks[hook]:
                    out.append(f"IPython shell.{hook}")
            events = {e: [ident(f) for f in cbs] for e, cbs in shell.events.callbacks.items()}
            if events != self._hooks["events"]:
                out.append("IPython shell.events")
        if self._namespace is not None:
            for key, was in self._names.items():
                if ident(self._namespace.get(key)) != was:
                    out.append(f"the notebook's name '{key}'")
        return out

    def verify(self):
        changed = self.changes()
        if changed:
            shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
            raise TamperDetected(f"the submission replaced what the grader relies on ({shown}); "
                                 "this test scores 0 and the submission is flagged for the instructor.")
