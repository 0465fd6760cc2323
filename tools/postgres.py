"""A PostgreSQL gradebook on loopback, started and stopped by the course (Debian's server).

    with postgres.server() as url:      # postgresql+psycopg2://grader:...@127.0.0.1:<port>/gradebook
        ...                             # grade with COURSE_DB_URL=url; stopped and deleted afterwards

    python -m tools.postgres serve [--data DIR]

``serve`` prints the ``export COURSE_DB_URL=...`` line to paste into the grading shell and runs
until Ctrl-C. Without ``--data`` the cluster lives in a temporary folder and is deleted when the
server stops; with it, the cluster is created in DIR once and kept, with its grades.

The server listens on 127.0.0.1 only, on a free port, with its Unix socket in its own folder,
and asks for a random password. PostgreSQL refuses to run as root: as root, its programs run
as Debian's ``postgres`` user (``runuser``), which owns the cluster's folder.
"""
import argparse
import contextlib
import glob
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.common.ports import free_port

USER = "grader"                 # the cluster's superuser, the one nbgrader connects as
DATABASE = "gradebook"
SYSTEM_USER = "postgres"        # who runs the server when we are root (created by Debian's package)
FIX = ("Install Debian's PostgreSQL server (`apt-get install postgresql`; `make venv` does it "
       "when run as root) and the driver (`pip install -r requirements.txt`).")


class PostgresUnavailable(RuntimeError):
    pass


def bin_dir():
    """The folder of the newest installed server's programs (initdb, pg_ctl)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    if shutil.which("initdb") and shutil.which("pg_ctl"):           # other systems: on PATH
        return Path(shutil.which("initdb")).parent
    raise PostgresUnavailable(f"No PostgreSQL server programs (initdb, pg_ctl) found. {FIX}")


def _as_server_user(command):
    """PostgreSQL will not run as root: run its programs as the postgres user then."""
    if os.geteuid() != 0:
        return command
    try:
        import pwd
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise PostgresUnavailable(f"Running as root and there is no '{SYSTEM_USER}' user to run the server. {FIX}")
    return ["runuser", "-u", SYSTEM_USER, "--", *command]


def _run(command, cwd):
    done = subprocess.run(_as_server_user(command), cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise PostgresUnavailable(f"{' '.join(map(str, command))} failed ({done.returncode}):\n"
                                  f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done


def _own(folder):
    """Hand ``folder`` to the server's user when we are root (the server writes there)."""
    if os.geteuid() == 0:
        shutil.chown(folder, SYSTEM_USER, SYSTEM_USER)


def _write_private(path, text):
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
        file.write(text + "\n")


def _init_cluster(programs, folder, password):
    """A new cluster in ``folder/data`` whose superuser ``grader`` logs in with ``password``."""
    pwfile = folder / "password"
    _write_private(pwfile, password)
    _own(pwfile)
    try:
        _run([programs / "initdb", "-D", folder / "data", "-U", USER, f"--pwfile={pwfile}",
              "--auth=scram-sha-256", "--encoding=UTF8", "--no-instructions"], cwd=folder)
    finally:
        pwfile.unlink()


def _create_database(url):
    import sqlalchemy
    engine = sqlalchemy.create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as db:
            if not db.execute(sqlalchemy.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                              {"name": DATABASE}).first():
                db.execute(sqlalchemy.text(f"CREATE DATABASE {DATABASE}"))
    finally:
        engine.dispose()


@contextlib.contextmanager
def server(data=None):
    """Start a PostgreSQL server on 127.0.0.1 and yield the SQLAlchemy URL of its gradebook
    database; stop it on exit. ``data``: a folder to keep the cluster in (created on first
    use, reused after); without it, a temporary cluster deleted on exit."""
    try:
        import psycopg2  # noqa: F401  (SQLAlchemy's driver for postgresql+psycopg2:// URLs)
    except ImportError:
        raise PostgresUnavailable(f"The PostgreSQL driver psycopg2 is not installed. {FIX}")
    programs = bin_dir()
    folder = Path(data).resolve() if data else Path(tempfile.mkdtemp(prefix="course-postgres-"))
    folder.mkdir(parents=True, exist_ok=True)
    _own(folder)
    if subprocess.run(_as_server_user(["test", "-w", str(folder), "-a", "-x", str(folder)])).returncode != 0:
        raise PostgresUnavailable(f"The server's user cannot write to {folder}: choose a folder whose parents "
                                  f"'{SYSTEM_USER}' may enter (e.g. under /var/tmp).")
    password_file = folder / "grader-password"        # ours (root's), mode 600, kept with the cluster
    started = False
    try:
        if not (folder / "data" / "PG_VERSION").exists():
            _write_private(password_file, secrets.token_hex(16))
            _init_cluster(programs, folder, password_file.read_text())
        password = password_file.read_text().strip()
        port = free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k '{folder}'"
        try:
            _run([programs / "pg_ctl", "start", "-w", "-t", "60", "-D", folder / "data",
                  "-l", folder / "server.log", "-o", options], cwd=folder)
        except PostgresUnavailable as error:
            log = folder / "server.log"
            raise PostgresUnavailable(f"{error}\n{log.read_text()[-2000:] if log.exists() else ''}") from None
        started = True
        url = f"postgresql+psycopg2://{USER}:{password}@127.0.0.1:{port}/{DATABASE}"
        _create_database(url)
        yield url
    finally:
        if started:
            _run([programs / "pg_ctl", "stop", "-w", "-m", "fast", "-D", folder / "data"], cwd=folder)
        if not data:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run a PostgreSQL gradebook server on 127.0.0.1 until Ctrl-C.")
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("--data", help="keep the cluster in this folder (default: temporary, deleted on exit)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))      # stop the server on kill too
    try:
        with server(args.data) as url:
            print(f"export COURSE_DB_URL='{url}'", flush=True)
            print("PostgreSQL gradebook running; Ctrl-C stops it.", file=sys.stderr, flush=True)
            signal.pause()
    except PostgresUnavailable as error:
        sys.exit(str(error))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
