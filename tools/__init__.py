"""Instructor tooling: building source notebooks, releasing, the demo, nbgrader plug-ins.

Never shipped to students: the release and the student bundle contain only notebooks and
the ``course`` package.
"""
