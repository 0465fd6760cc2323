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

from tools.classroom.settings import exchange_folders


def create(root, course_id):
    """The exchange at ``root`` with the course's folders (``settings.EXCHANGE_MODES``, which the
    Kubernetes exchange's init job makes too); returns ``root``."""
    root = Path(root)
    for relative, mode in exchange_folders(course_id):
        folder = root / relative if relative else root
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, mode)
    return root
