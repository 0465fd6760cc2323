"""The settings of a class that every deployment shares: ``make classroom`` on one machine
(``hubconfig.py`` renders them into ``jupyterhub_config.py``) and Zero to JupyterHub on
Kubernetes (``z2jh.py`` renders them into Helm values). Plain data and functions; what only one
deployment knows (PAM, the bubblewrap spawner, ports on 127.0.0.1, a cluster's storage class)
stays in its own module. Imports nothing heavy (the hub imports it)."""
import json

from tools.grader import CELL_TIMEOUT
from tools.lab import STUDENT_CONFIG_DIR

# The course's id in nbgrader (nbgrader_config.py's CourseDirectory.course_id): the exchange's
# folder, and, as nbgrader's demos require, the name of the formgrader service.
COURSE_ID = "training-neural-networks"
SERVICE_NAME = COURSE_ID

# The groups: who may open the formgrader (instructors and teaching assistants), who may manage
# users and servers, and the class.
GRADERS_GROUP = f"formgrade-{COURSE_ID}"
INSTRUCTORS_GROUP = "instructors"
STUDENTS_GROUP = "students"


def groups(graders, instructors, students):
    """JupyterHub's ``load_groups``: each group with its members."""
    return {GRADERS_GROUP: {"users": list(graders)}, INSTRUCTORS_GROUP: {"users": list(instructors)},
            STUDENTS_GROUP: {"users": list(students)}}


# Roles and scopes as JupyterHub 5 and 6 want them (nbgrader's demos/): the graders may open the
# formgrader service and nothing else of the hub's; the instructors may manage users and servers
# but not open them. A student's server acts with its owner's permissions and no more (the default).
ROLES = [
    {"name": GRADERS_GROUP, "groups": [GRADERS_GROUP],
     "scopes": [f"access:services!service={SERVICE_NAME}", "list:services", f"read:services!service={SERVICE_NAME}"]},
    {"name": "instructor", "groups": [INSTRUCTORS_GROUP], "scopes": ["admin:users", "admin:servers"]},
]

# The formgrader service's environment: the page it opens on, and the names of what each
# deployment fills in (the gradebook's SQLAlchemy URL, read by nbgrader_config.py; the
# instructors' nbgrader settings, read before the course root's).
SERVICE_DEFAULT_URL = "/formgrader"
SERVICE_FIXED_ENV = {"JUPYTERHUB_DEFAULT_URL": SERVICE_DEFAULT_URL, "MPLBACKEND": "Agg"}
GRADEBOOK_ENV = "COURSE_DB_URL"
CONFIG_PATH_ENV = "JUPYTER_CONFIG_PATH"

# Feedback on submit (early_feedback.py): a process beside the formgrader, as root, with the
# course root, the exchange and the gradebook; it has no web page. Its command line, given the
# folder it keeps its state in, the course root and the exchange root.
EARLY_FEEDBACK_SERVICE = "feedback-on-submit"
EARLY_FEEDBACK_MODULE = "tools.classroom.early_feedback"


def early_feedback_args(state_dir, course_root, exchange_root):
    return ["-m", EARLY_FEEDBACK_MODULE, "--run-dir", str(state_dir), "--course-root", str(course_root),
            "--exchange", str(exchange_root)]


# What the students' servers enable on top of the student view of `make lab`
# (tools/lab_student_config/): nbgrader's assignment list, which needs the exchange they have,
# and nbgrader's menu, the only way to open it (*Nbgrader -> Assignment List*, and the command
# palette); the menu shows no entry for the instructor tools, whose plugins stay disabled.
ASSIGNMENT_LIST_SERVER = "nbgrader.server_extensions.assignment_list"
ASSIGNMENT_LIST_LAB = ["@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu"]
STUDENT_DEFAULT_URL = "/lab"

# nbgrader's exchange: the folders and modes nbgrader documents, with two sticky bits more
# (exchange.py says why), relative to the exchange's root.
EXCHANGE_MODES = {"": 0o1777, "{course}": 0o755, "{course}/outbound": 0o755, "{course}/inbound": 0o3733,
                  "{course}/feedback": 0o711}
# The students' submit (student_exchange.py), importable in their servers under this name.
STUDENT_EXCHANGE_MODULE = "classroom_exchange"
# The instructors' collect and release_feedback (instructor_exchange.py), in the grader's image.
INSTRUCTOR_EXCHANGE = {"collect": "tools.classroom.instructor_exchange.OwnerCheckedCollect",
                       "release_feedback": "tools.classroom.instructor_exchange.PrivateFeedback"}


def exchange_folders(course_id=COURSE_ID):
    """``(path relative to the exchange root, mode)`` for each folder, parents first."""
    return [(relative.format(course=course_id), mode) for relative, mode in EXCHANGE_MODES.items()]


def student_server_config():
    """The students' ``jupyter_server_config.json``."""
    server = json.loads((STUDENT_CONFIG_DIR / "jupyter_server_config.json").read_text())
    server["ServerApp"]["jpserver_extensions"][ASSIGNMENT_LIST_SERVER] = True
    return server


def student_page_config():
    """The students' ``labconfig/page_config.json`` (the lab extensions they do not get)."""
    page = json.loads((STUDENT_CONFIG_DIR / "labconfig" / "page_config.json").read_text())
    page["disabledExtensions"].update(dict.fromkeys(ASSIGNMENT_LIST_LAB, False))
    return page


STUDENT_NBGRADER = '''"""Generated by tools/classroom/settings.py: nbgrader in a student's server."""
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course!r}
c.Exchange.root = {exchange!r}
c.Execute.timeout = {timeout}
# Submissions readable by their author only (tools/classroom/student_exchange.py, copied here).
from {module} import PrivateSubmit  # noqa: E402
c.ExchangeFactory.submit = PrivateSubmit
'''

INSTRUCTOR_NBGRADER = '''"""Generated by tools/classroom/settings.py: the instructors' nbgrader (formgrader, shell),
read before the course root's nbgrader_config.py."""
c = get_config()  # noqa: F821
c.Exchange.root = {exchange!r}
# Collect only submissions owned by the account they name; feedback readable by its student
# only (tools/classroom/instructor_exchange.py).
c.ExchangeFactory.collect = {collect!r}
c.ExchangeFactory.release_feedback = {release_feedback!r}
'''


# The instructors' Jupyter server (the formgrader) also serves the class report, at
# <service>/class-report (tools/report/server.py).
INSTRUCTOR_SERVER_CONFIG = {"ServerApp": {"jpserver_extensions": {"tools.report.server": True}}}


def student_nbgrader_config(exchange_root):
    return STUDENT_NBGRADER.format(course=COURSE_ID, exchange=str(exchange_root), timeout=CELL_TIMEOUT,
                                   module=STUDENT_EXCHANGE_MODULE)


def instructor_nbgrader_config(exchange_root):
    return INSTRUCTOR_NBGRADER.format(exchange=str(exchange_root), **INSTRUCTOR_EXCHANGE)
