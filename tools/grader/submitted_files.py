"""What nbgrader may read of a submission: its notebooks, as regular files, and nothing else.

nbgrader reads ``submitted/<student>/<assignment>/`` with the grader's rights (root, on many
servers): it opens every notebook there and copies every other file into ``autograded/`` and
from there into ``feedback/``, following symbolic links. A link planted in a submission
(through an exchange inbox, a zip file, a shared folder) would have it read any file on the
machine as the student's notebook (the instructor's solutions, another student's work) or
hand it to the student; a module beside the notebook (``torch.cpython-311-x86_64-linux-gnu.so``)
would be imported instead of the real one.

nbgrader has no hook before it reads a submission, so ``install()`` (called by
nbgrader_config.py) wraps ``Autograde.init_assignment``: a submission holding anything but
regular files and folders is refused with the reason (``GradingFault``), and of a submission
only the notebooks are taken (nbgrader copies no other file), with nbgrader's own two records
of a submission made through its exchange (``EXCHANGE_RECORDS``), which feedback needs.
"""
import os
import shutil
import stat
from pathlib import Path

from tools.grader.execute import GradingFault


def unsafe_entries(folder):
    """Why nbgrader must not read the submission ``folder``: symbolic links (the folder and its
    student's folder included) and entries that are neither regular files nor folders."""
    folder = Path(folder)
    links = [f"{path.name} is a symbolic link" for path in (folder.parent, folder) if path.is_symlink()]
    if links or not folder.is_dir():
        return links
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):          # does not descend into links
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            mode = path.lstat().st_mode
            where = path.relative_to(folder)
            if stat.S_ISLNK(mode):
                found.append(f"'{where}' is a symbolic link")
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                found.append(f"'{where}' is not a regular file")
    return found


def refuse_unsafe(folder):
    unsafe = unsafe_entries(folder)
    if unsafe:
        raise GradingFault(f"the submission was refused: {'; '.join(unsafe[:3])} (only regular "
                           "notebook files are graded).")


# What `nbgrader submit` writes beside the notebooks: when it was submitted, and the secret from
# which `release_feedback` names the student's feedback file in the exchange (read from
# feedback/<student>/<assignment>/). Every other file is left behind (and the course ignores
# *.txt, so nothing stray is released), so these two are carried into autograded/ and from there
# into feedback/ here, where they are small regular files.
EXCHANGE_RECORDS = ("timestamp.txt", "submission_secret.txt")
RECORD_MAX_BYTES = 1024


def copy_exchange_records(source, dest):
    for name in EXCHANGE_RECORDS:
        path = Path(source) / name
        if path.is_file() and not path.is_symlink() and path.stat().st_size <= RECORD_MAX_BYTES:
            Path(dest).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, Path(dest) / name)


def install():
    from nbgrader.converters.autograde import Autograde
    from nbgrader.converters.generate_feedback import GenerateFeedback
    original = Autograde.init_assignment
    if getattr(original, "checks_submitted_files", False):
        return

    def init_assignment(self, assignment_id, student_id):
        refuse_unsafe(self._format_source(assignment_id, student_id))
        ignore = self.coursedir.ignore
        self.coursedir.ignore = ["*"]            # copy no file; nbgrader reads the notebooks itself
        try:
            original(self, assignment_id, student_id)
        finally:
            self.coursedir.ignore = ignore
        copy_exchange_records(self._format_source(assignment_id, student_id),
                              self._format_dest(assignment_id, student_id))

    init_assignment.checks_submitted_files = True
    Autograde.init_assignment = init_assignment
    feedback_original = GenerateFeedback.init_assignment

    def init_feedback(self, assignment_id, student_id):
        feedback_original(self, assignment_id, student_id)
        copy_exchange_records(self._format_source(assignment_id, student_id),
                              self._format_dest(assignment_id, student_id))

    GenerateFeedback.init_assignment = init_feedback
