"""Reading the exchange's ``inbound/`` as root without following anything a student placed there.

Students write into ``inbound/``: a submission is a folder ``<student>+<assignment>+<timestamp>+<random>``
its author owns and may change at any time. Root reads it, so a symbolic link there (the folder
itself, or ``01_autograd.ipynb -> <course root>/source/01_autograd/01_autograd.ipynb``) would
hand the student whatever root can read, graded as theirs and returned in their feedback.
Here a submission counts only if its folder is a real folder owned by the account it names, and
of it only regular files owned by that account are read, each opened without following links.

Its time is the student's too: ``nbgrader submit`` writes it (the folder's name, ``timestamp.txt``)
with the student's clock and rights. ``recorded_time`` takes the system's word instead where they
differ: the last change the system recorded of the folder or its files (``ctime``, which no owner
can set), when that is more than ``CLOCK_SLACK_S`` away from the time claimed. A submission made
on time and left alone keeps its own timestamp; one backdated, or changed after it was made, counts
from its last change.
"""
import os
import pwd
import stat
from dataclasses import dataclass
from datetime import datetime, timezone

# What `nbgrader submit` writes beside the notebooks, as the autograder carries them.
from tools.grader.submitted_files import EXCHANGE_RECORDS, RECORD_MAX_BYTES

NOTEBOOK_MAX_BYTES = 64 * 2**20
CLOCK_SLACK_S = 60        # between the time nbgrader submit claims and the files' last change
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"       # nbgrader's, in UTC


@dataclass(frozen=True)
class Submission:
    folder: str          # its name in inbound/ (the key nbgrader's collect uses too)
    student: str
    assignment: str
    timestamp: str       # as nbgrader wrote it in the name


def parse(name):
    """The submission a folder name claims to be, or None: ``student+assignment+timestamp[+random]``."""
    parts = name.split("+")
    if len(parts) not in (3, 4) or not all(parts[:3]):
        return None
    return Submission(name, parts[0], parts[1], parts[2])


def owner_uid(name):
    try:
        return pwd.getpwnam(name).pw_uid
    except KeyError:
        return None


def genuine(inbound, submission):
    """Whether ``inbound/<folder>`` is a real folder (not a link) owned by the student it names."""
    try:
        info = os.lstat(os.path.join(inbound, submission.folder))
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == owner_uid(submission.student)


def submissions(inbound, assignments=None):
    """The genuine submissions in ``inbound`` (of ``assignments`` only, if given), oldest first."""
    found = []
    for name in sorted(os.listdir(inbound)):
        submission = parse(name)
        if submission and (assignments is None or submission.assignment in assignments) \
                and genuine(inbound, submission):
            found.append(submission)
    return sorted(found, key=lambda s: s.timestamp)


class Unreadable(Exception):
    """The submission cannot be read safely (a link, a file of someone else's, too large)."""


def _read(directory, name, uid, limit):
    descriptor = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=directory)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != uid:
            raise Unreadable(f"'{name}' is not a regular file of the student's")
        if info.st_size > limit:
            raise Unreadable(f"'{name}' is larger than {limit} bytes")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read(limit + 1)[:limit]
    finally:
        os.close(descriptor)


def read(inbound, submission):
    """{file name: bytes} of the submission's notebooks (top level) and nbgrader's records."""
    uid = owner_uid(submission.student)
    try:
        directory = os.open(os.path.join(inbound, submission.folder), os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as error:
        raise Unreadable(f"the submission's folder cannot be opened ({error.strerror})") from None
    try:
        if os.fstat(directory).st_uid != uid:
            raise Unreadable("the submission's folder is not the student's")
        files = {}
        for name in os.listdir(directory):
            if name.endswith(".ipynb"):
                files[name] = _read(directory, name, uid, NOTEBOOK_MAX_BYTES)
            elif name in EXCHANGE_RECORDS:
                files[name] = _read(directory, name, uid, RECORD_MAX_BYTES)
        if not any(name.endswith(".ipynb") for name in files):
            raise Unreadable("the submission holds no notebook")
        return files
    except OSError as error:
        raise Unreadable(f"{error.strerror}: {error.filename or ''}".strip(": ")) from None
    finally:
        os.close(directory)


def last_change(inbound, submission):
    """The latest ``ctime`` of the submission's folder and of the entries in it (not followed)."""
    folder = os.path.join(inbound, submission.folder)
    times = [os.lstat(folder).st_ctime]
    for name in os.listdir(folder):
        times.append(os.lstat(os.path.join(folder, name)).st_ctime)
    return max(times)


def recorded_time(inbound, submission, claimed):
    """``(timestamp, reason)``: the time to record for the submission (nbgrader's format), and why
    it is not the ``claimed`` one (None when it is)."""
    from nbgrader.utils import parse_utc
    changed = last_change(inbound, submission)
    try:
        said = parse_utc(claimed.strip()).timestamp()
    except (ValueError, TypeError, OverflowError, AttributeError):
        said = None
    if said is not None and abs(changed - said) <= CLOCK_SLACK_S:
        return claimed.strip(), None
    stamp = datetime.fromtimestamp(changed, timezone.utc).strftime(TIMESTAMP_FORMAT)
    why = (f"it claims {claimed.strip()!r}" if said is not None else "its timestamp cannot be read") + \
        f" but was last changed at {stamp}"
    return stamp, why
