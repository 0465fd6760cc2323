"""Runs on the instructor's machine or a GPU machine: ``make bench`` and ``make gpu-check``.
Nothing imported by ``gpu_check``, ``pipeline`` or ``notebook_run`` needs nbgrader (a GPU
machine may have none)."""
