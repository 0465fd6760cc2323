"""The students' ``nbgrader submit``: a submission only its author (and root) can read.

nbgrader leaves each submission in the exchange's ``inbound/`` world-readable (and its folder
world-writable), hidden only by an unguessable name in a folder no student may list. Here the
instructors' side collects as root, so the submission can be its author's alone: folder 700, files
600. (That also keeps private the secret nbgrader stores with it, from which the name of the
author's feedback file is computed.)

Copied into the students' Jupyter settings as ``classroom_exchange.py`` (``hubconfig.py``): it runs
in their sandboxes, which see nothing of ``tools/``. Imports nbgrader only."""
import os

from nbgrader.exchange.default.submit import ExchangeSubmit


class PrivateSubmit(ExchangeSubmit):

    def copy_files(self):
        super().copy_files()
        submission = os.path.join(self.inbound_path, self.assignment_filename)
        for folder, subfolders, files in os.walk(submission):
            os.chmod(folder, 0o700)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o600)
