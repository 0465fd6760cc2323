"""The class's Unix accounts: an instructor, a teaching assistant and the students.

Each is a real account (``useradd``), named with the class's prefix so ``stop`` removes exactly
these, with a home of its own (mode 700) and a generated password that JupyterHub checks through
PAM against the system's hashed copy (``/etc/shadow``); the password is printed once and kept
nowhere else. The exchange's permissions (``exchange.py``) then mean what they say: each
account owns its own submissions."""
import csv
import os
import pwd
import re
import secrets
import subprocess

# What useradd accepts everywhere (Debian's default NAME_REGEX), at most 32 characters.
VALID_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


def names(prefix, students):
    """(instructors, assistants, students) of a class of ``students`` (a number, or ids from a class list)."""
    ids = [f"student{i}" for i in range(1, students + 1)] if isinstance(students, int) else list(students)
    return [f"{prefix}instructor"], [f"{prefix}ta"], [f"{prefix}{sid}" for sid in ids]


def class_list(path):
    """Student ids from a CSV file with a header: the column ``username`` (or else the first)."""
    with open(path, newline="") as file:
        rows = list(csv.DictReader(file))
    if not rows:
        raise SystemExit(f"{path}: no students (a header line, then one student a line)")
    column = "username" if "username" in rows[0] else next(iter(rows[0]))
    return [row[column].strip() for row in rows if row[column].strip()]


def check_names(users):
    bad = [name for name in users if not VALID_NAME.match(name)]
    if bad:
        raise SystemExit(f"Not valid Unix account names: {', '.join(bad)} (lower-case letters, digits, "
                         f"'-' and '_', starting with a letter, at most 32 characters with the prefix).")
    if len(set(users)) != len(users):
        raise SystemExit("The class list names a student twice.")


def exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def password():
    # 12 characters of a 57-letter alphabet without look-alikes (0/O, 1/l/I): about 70 bits.
    alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def create(users):
    """Create each account (an existing one is refused: it may be someone's) with a new password;
    returns {name: password}."""
    check_names(users)
    taken = [name for name in users if exists(name)]
    if taken:
        raise SystemExit(f"Accounts already exist: {', '.join(taken)}. A class is running "
                         f"(make classroom-stop), or choose another prefix (PREFIX=...).")
    passwords = {}
    try:
        for name in users:
            subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", name],
                           check=True, capture_output=True, text=True)
            os.chmod(pwd.getpwnam(name).pw_dir, 0o700)
            passwords[name] = password()
        subprocess.run(["chpasswd"], input="".join(f"{n}:{p}\n" for n, p in passwords.items()),
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        remove(passwords)
        raise SystemExit(f"{' '.join(error.cmd)} failed: {error.stderr.strip()}") from None
    return passwords


def kill_processes(name):
    """End every process still running as ``name`` (a server the hub did not stop), by pid."""
    import signal
    uid = pwd.getpwnam(name).pw_uid
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                pass


def remove(users):
    """Remove the accounts, their homes and their own groups; those already gone are skipped."""
    for name in users:
        if exists(name):
            kill_processes(name)
            subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
