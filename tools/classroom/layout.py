"""Where the classroom keeps its files, and its names. Imports nothing heavy (the hub imports it).

``.classroom/`` (ignored by git) holds what ``make classroom`` installs (``hub-venv/``, the proxy
in ``proxy/``) and, by default, the running class in ``run/``: the generated hub configuration,
the hub's own database, logs, nbgrader's exchange, and the PostgreSQL gradebook (``gradebook/``,
kept when the class stops, with its grades)."""
import json
import os
import sysconfig
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tools.classroom.settings import COURSE_ID  # noqa: F401 (where the classroom's code reads it)
from tools.common.paths import REPO

HOME = REPO / ".classroom"
HUB_VENV = HOME / "hub-venv"
PROXY = HOME / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
DEFAULT_RUN = HOME / "run"
COURSE_VENV = REPO / ".venv"
COURSE_PYTHON = COURSE_VENV / "bin" / "python"
DEFAULT_PREFIX = "class-"


def hub_site_packages():
    """The hub venv's own packages (jupyterhub and what the course venv lacks)."""
    purelib = Path(sysconfig.get_paths()["purelib"])
    return HUB_VENV / purelib.relative_to(Path(sysconfig.get_paths()["data"]))


@dataclass
class Run:
    """A running class: its folder and what ``stop`` needs to undo it (``state.json``)."""
    folder: Path
    course_root: Path = REPO
    prefix: str = DEFAULT_PREFIX
    port: int = 8000
    instructors: list = field(default_factory=list)
    assistants: list = field(default_factory=list)
    students: list = field(default_factory=list)
    supervisor_pid: int = 0
    exchange_root: str = ""         # nbgrader's exchange, where it is not the run folder's exchange/

    @property
    def users(self):
        return [*self.instructors, *self.assistants, *self.students]

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    @property
    def exchange(self):
        return Path(self.exchange_root) if self.exchange_root else self.folder / "exchange"

    @property
    def hub_config(self):
        return self.folder / "jupyterhub_config.py"

    @property
    def student_config(self):
        return self.folder / "student-config"

    @property
    def instructor_config(self):
        return self.folder / "instructor-config"

    @property
    def gradebook(self):
        return self.folder / "gradebook"

    @property
    def gradebook_url_file(self):
        """The gradebook's SQLAlchemy URL, with its password: root's only (mode 600)."""
        return self.folder / "gradebook-url"

    @property
    def log(self):
        return self.folder / "classroom.log"

    def save(self):
        data = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()}
        (self.folder / "state.json").write_text(json.dumps(data, indent=1))

    @classmethod
    def load(cls, folder):
        data = json.loads((Path(folder) / "state.json").read_text())
        data.update(folder=Path(data["folder"]), course_root=Path(data["course_root"]))
        return cls(**data)

    def instructor_env(self):
        """What an instructor's nbgrader command needs, beside the course's own environment:
        the exchange (instructor-config/nbgrader_config.py) and the gradebook."""
        env = {"JUPYTER_CONFIG_PATH": str(self.instructor_config)}
        if self.gradebook_url_file.exists():
            env["COURSE_DB_URL"] = self.gradebook_url_file.read_text().strip()
        return env


def running(folder):
    return (Path(folder) / "state.json").exists()


def is_root():
    return os.geteuid() == 0
