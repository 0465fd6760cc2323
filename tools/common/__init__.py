"""Helpers shared by the commands, the catalogue, the measurements and the tests, in the
instructor's process: repository paths (``paths``), course folders and the nbgrader commands
run in them (``courses``), the gradebook (``gradebook``), the pinned versions (``pins``)."""
