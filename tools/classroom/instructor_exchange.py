"""The instructors' side of the exchange (``nbgrader collect`` and ``release_feedback``), stricter
than nbgrader's where a classroom of Unix accounts allows it. Wired in by the instructors' nbgrader
configuration (``hubconfig.py``); run as root (the formgrader's account).

- *Collect*: anyone may write into ``inbound/``, so a student can make a folder named
  ``<someone else>+<assignment>+<time>``. nbgrader compares the folder's owner with the name it
  claims but only warns, and collects it anyway (``CollectApp.check_owner``). Here each student's
  newest submission *that they own* is collected; the others are skipped with an error in the log.
  nbgrader copies a submission leaving out the course's ignored files (``*.txt`` among them),
  which drops its own records of it (the time, read for late penalties, and the secret that
  names the feedback file): they are copied here, the time as the system saw it where the
  student's claim differs (``inbound.recorded_time``). A submission's folder that is a symbolic link
  is not the student's, and links inside it are copied as links, never followed (nbgrader's
  copy would follow one to any file root can read, ``source/`` included, as the student's
  notebook); the autograder then refuses that submission, saying why
  (``tools/grader/submitted_files.py``).
- *Release feedback*: nbgrader leaves each feedback file world-readable, hidden by its name (a
  hash of a secret kept with the submission). Here it is handed to its student, mode 600.
"""
import glob
import os
import pwd
import shutil
from pathlib import Path

from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.release_feedback import ExchangeReleaseFeedback
from nbgrader.utils import ignore_patterns, notebook_hash

from tools.classroom import inbound
from tools.grader.submitted_files import copy_exchange_records


def owner(path):
    try:
        return pwd.getpwuid(os.lstat(path).st_uid).pw_name
    except (KeyError, OSError):
        return None


class OwnerCheckedCollect(ExchangeCollect):

    def _path_to_record(self, path):
        record = super()._path_to_record(path)
        found = owner(os.path.join(self.inbound_path, record["filename"]))
        claimed = inbound.Submission(record["filename"], record["username"], "", "")
        record["genuine"] = inbound.genuine(self.inbound_path, claimed)
        if not record["genuine"]:
            self.log.error("Not collected: %s claims to be %s's submission but belongs to %s.",
                           record["filename"], record["username"], found)
        return record

    def _sort_by_timestamp(self, records):
        # The newest genuine submission first: nbgrader takes the first one of each student.
        return sorted(records, key=lambda item: (item["genuine"], item["timestamp"]), reverse=True)

    def do_copy(self, src, dest, log=None):
        """nbgrader's copy (the course's ignored files, size limits), keeping links as links."""
        if os.path.islink(src):
            raise RuntimeError(f"{src} is a symbolic link")
        if self.get_size(src) > 1000 * self.coursedir.max_dir_size:
            raise RuntimeError(f"{src} is larger than {self.coursedir.max_dir_size} kB")
        shutil.copytree(src, dest, symlinks=True, ignore=ignore_patterns(
            exclude=self.coursedir.ignore, include=self.coursedir.include,
            max_file_size=self.coursedir.max_file_size, log=self.log))

    def copy_files(self):
        self.src_records = [record for record in self.src_records if record["genuine"]]
        super().copy_files()
        for record in self.src_records:
            dest = self.coursedir.format_path(self.coursedir.submitted_directory, record["username"],
                                              self.coursedir.assignment_id)
            if os.path.isdir(dest) and not os.path.exists(os.path.join(dest, "timestamp.txt")):
                copy_exchange_records(os.path.join(self.inbound_path, record["filename"]), dest)
            self._record_time(record, dest)

    def _record_time(self, record, dest):
        """The submission's time as the system saw it, where the student's claim differs (inbound.py)."""
        submission = inbound.parse(record["filename"])
        path = os.path.join(dest, "timestamp.txt")
        if submission is None or not os.path.isdir(dest):
            return
        claimed = open(path).read() if os.path.isfile(path) else ""
        stamp, why = inbound.recorded_time(self.inbound_path, submission, claimed)
        if why:
            self.log.warning("%s: recorded as submitted at %s: %s.", record["filename"], stamp, why)
            with open(path, "w") as file:
                file.write(stamp)


class PrivateFeedback(ExchangeReleaseFeedback):

    def copy_files(self):
        super().copy_files()
        # The same files nbgrader just released: feedback/<student>/<assignment>/<notebook>.html,
        # named in the exchange by the hash nbgrader computes from the submission's secret.
        for html_file in map(Path, glob.glob(os.path.join(self.src_path, "*.html"))):
            student = html_file.parent.parent.name
            secret = (html_file.parent / "submission_secret.txt").read_text()
            released = Path(self.dest_path) / f"{notebook_hash(secret=secret, notebook_id=html_file.stem)}.html"
            try:
                account = pwd.getpwnam(student)
            except KeyError:
                continue            # a student without an account here (a demo student): as nbgrader left it
            if released.exists():
                os.chown(released, account.pw_uid, account.pw_gid)
                os.chmod(released, 0o600)
