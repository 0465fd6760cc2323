"""The process that runs a class (started in the background by ``start``; ended by ``stop``).

    python -m tools.classroom.serve RUN_FOLDER

It starts the class's PostgreSQL gradebook (``tools/postgres.py``, its cluster kept in
``RUN_FOLDER/gradebook``), writes its URL for the instructors' shell (``gradebook-url``, root's
only), enters the class's students in the gradebook, then runs JupyterHub
until it is told to stop (SIGTERM), and then stops the hub (which stops every server and the
formgrader) and the database, in that order."""
import os
import signal
import subprocess
import sys

from tools import postgres
from tools.classroom import layout
from tools.common.paths import REPO, course_env


def add_students(run, url):
    """The formgrader lists the class from the start. (Assignments enter the gradebook when the
    instructor generates them, in the formgrader or with `nbgrader generate_assignment`.)"""
    from nbgrader.api import Gradebook
    with Gradebook(url, layout.COURSE_ID) as gradebook:
        for student in run.students:
            gradebook.update_or_create_student(student)


def hub_env(run, url):
    env = course_env()
    env.update(PATH=f"{layout.HUB_VENV / 'bin'}:{env['PATH']}", PYTHONPATH=str(REPO), COURSE_DB_URL=url,
               CLASSROOM_RUN=str(run.folder))
    return env


def main(argv):
    run = layout.Run.load(argv[0])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    hub = None
    try:
        with postgres.server(run.gradebook) as url:
            descriptor = os.open(run.gradebook_url_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w") as file:
                file.write(url + "\n")
            add_students(run, url)
            print("gradebook ready", flush=True)
            hub = subprocess.Popen([str(layout.HUB_VENV / "bin" / "jupyterhub"), "-f", str(run.hub_config)],
                                   cwd=run.folder / "hub", env=hub_env(run, url))
            hub.wait()
            print(f"jupyterhub exited ({hub.returncode})", flush=True)
    finally:
        if hub is not None and hub.poll() is None:
            hub.terminate()             # the hub stops every server and the formgrader
            try:
                hub.wait(60)
            except subprocess.TimeoutExpired:
                hub.kill()
                hub.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
