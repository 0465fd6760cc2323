"""nbgrader's exchange for the class, made with the permissions nbgrader documents.

nbgrader's documentation asks for a world-writable exchange root (``ugo+rwx``); its
``release_assignment`` then makes the course's folders: ``outbound/`` (755: everyone may fetch),
``inbound/`` (2733: everyone may submit, no one but the instructor may list it, so no student
sees another's submission) and ``feedback/`` (711: a student can open their feedback only by its
file name, a hash of their own submission, and list nothing). They are made here, owned by the
instructor's side (root), before any student can reach the root, with the sticky bit on the
root and on ``inbound/`` in addition: a student can then neither rename or replace the course's
folder nor delete anyone's submission. nbgrader keeps these modes (it checks only the lower 9 bits).
"""
import os
from pathlib import Path

MODES = {"": 0o1777, "{course}": 0o755, "{course}/outbound": 0o755, "{course}/inbound": 0o3733,
         "{course}/feedback": 0o711}


def create(root, course_id):
    """The exchange at ``root`` with the course's folders; returns ``root``."""
    root = Path(root)
    for relative, mode in MODES.items():
        folder = root / relative.format(course=course_id) if relative else root
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, mode)
    return root
