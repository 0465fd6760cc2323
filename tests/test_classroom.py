"""`make classroom`: the hub, its accounts and nbgrader's exchange, and who may see what.

One class is started with the real command (`python -m tools.classroom start`, two students) on
a throwaway course root holding 01_autograd, in a folder whose path has a space, and stopped at
the end (`stop --purge`), which must remove every account. Students act through the hub's REST
API and run nbgrader as their own Unix accounts, in the sandbox of their servers; the
instructors' side runs nbgrader as the formgrader does (root, in the course root)."""
import json
import os
import pwd
import re
import shutil
import stat
import time
from pathlib import Path

import pytest

from tests.classroom_helpers import Hub, as_user, instructor, running_class
from tools.classroom import accounts, layout

AID = "01_autograd"
COURSE = layout.COURSE_ID
pytestmark = pytest.mark.xdist_group("classroom")


@pytest.fixture(scope="module")
def classroom():
    with running_class([AID], "t", "--feedback-on-submit", AID) as (run, passwords):
        yield run, passwords, Hub(run.url)


@pytest.fixture(scope="module")
def tokens(classroom):
    run, passwords, hub = classroom
    return {name: hub.token(name, password) for name, (_, password) in passwords.items()}


@pytest.fixture(scope="module")
def released(classroom):
    """The instructor generated and released 01_autograd."""
    run, _, _ = classroom
    instructor(run, "generate_assignment", AID, "--force")
    instructor(run, "release_assignment", AID)
    return run


MARK = '''python - <<'PY'
import nbformat, os
path = "{aid}/{aid}.ipynb"
notebook = nbformat.read(path, as_version=4)
cell = next(c for c in notebook.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {{}}).get("solution"))
cell.source += "\\n# written by " + os.environ["USER"]
nbformat.write(notebook, path)
PY
'''.format(aid=AID)


@pytest.fixture(scope="module")
def submitted(released):
    """Each student fetched 01_autograd, signed an answer cell with their name, and submitted it."""
    run = released
    for student in run.students:
        as_user(run, student, f"nbgrader fetch_assignment {AID}")
        as_user(run, student, MARK)
        as_user(run, student, f"nbgrader submit {AID}")
    return run


def inbound(run):
    return run.exchange / COURSE / "inbound"


def test_accounts_are_real_and_printed_once(classroom):
    run, passwords, _ = classroom
    assert len(run.instructors) == 1 and len(run.assistants) == 1 and len(run.students) == 2
    assert sorted(passwords) == sorted(run.users)
    shadow = dict(line.split(":")[:2] for line in Path("/etc/shadow").read_text().splitlines())
    for name, (role, password) in passwords.items():
        account = pwd.getpwnam(name)
        assert name.startswith(run.prefix)
        assert shadow[name].startswith("$") and password not in shadow[name]      # a hash, not the password
        assert stat.S_IMODE(os.stat(account.pw_dir).st_mode) == 0o700
    assert not any(password in path.read_text(errors="replace")
                   for path in run.folder.rglob("*") if path.is_file() and path.stat().st_size < 10**6
                   for _, password in passwords.values())


def test_login_checks_the_password(classroom):
    _, passwords, hub = classroom
    name, (_, password) = next(iter(passwords.items()))
    assert hub.login(name, password).login_status == 302
    assert hub.login(name, password[::-1]).login_status == 403
    assert hub.login("root", password).login_status == 403          # not in the class


def test_student_server_runs_as_the_student_with_the_assignment_list(classroom, tokens, released):
    run, _, hub = classroom
    student, other = run.students
    token = tokens[student]
    hub.start_server(token, student)
    uid = pwd.getpwnam(student).pw_uid
    servers = [pid for pid in os.listdir("/proc") if pid.isdigit() and _owned_server(pid, uid)]
    assert servers, f"no jupyterhub-singleuser process runs as {student}"
    assert hub.get(token, f"user/{student}/api/status").status_code == 200
    listed = hub.get(token, f"user/{student}/assignments", params={"course_id": COURSE}).json()
    assert listed["success"] and [a["assignment_id"] for a in listed["value"]] == [AID]
    assert hub.get(token, f"user/{student}/formgrader").status_code == 404
    page = hub.get(token, f"user/{student}/lab").text
    config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    disabled = config["disabledExtensions"]
    assert "@jupyter/nbgrader:formgrader" in disabled and "@jupyter/nbgrader:create-assignment" in disabled
    assert "@jupyter/nbgrader:assignment-list" not in disabled and "@jupyter/nbgrader:menu" not in disabled
    # Not another student's server, nor the formgrader.
    assert hub.get(token, f"user/{other}/api/status").status_code in (302, 403)
    assert hub.post(token, f"hub/api/users/{other}/server").status_code in (403, 404)
    assert hub.get(token, f"services/{COURSE}/formgrader/api/assignments").status_code == 403


def _owned_server(pid, uid):
    try:
        return os.stat(f"/proc/{pid}").st_uid == uid and b"jupyterhub.singleuser" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def test_student_sandbox_has_the_course_package_and_nothing_of_the_instructors(classroom):
    run, _, _ = classroom
    student = run.students[0]
    assert as_user(run, student, "python -c 'import course, course.checks, torch, nbgrader'").returncode == 0
    url = run.gradebook_url_file.read_text().strip()
    port = re.search(r"@127\.0\.0\.1:(\d+)/", url).group(1)
    for path in [run.course_root / "source" / AID / f"{AID}.ipynb", run.course_root / "nbgrader_config.py",
                 layout.REPO / "tools" / "hidden_tests", layout.REPO / "source", run.gradebook_url_file,
                 run.instructor_config, run.gradebook]:
        done = as_user(run, student, f"ls -d '{path}'", check=False)
        assert done.returncode != 0, f"{student} can see {path}"
    assert "COURSE_DB_URL" not in as_user(run, student, "env").stdout
    connect = as_user(run, student, "python -c \"import psycopg2; psycopg2.connect(host='127.0.0.1', "
                      f"port={port}, user='grader', dbname='gradebook', password='')\"", check=False)
    assert connect.returncode != 0 and "password" in connect.stderr


def test_students_cannot_list_read_or_remove_each_others_submissions(submitted):
    run = submitted
    student, other = run.students
    folders = {owner: [p for p in inbound(run).iterdir() if p.name.startswith(owner + "+")] for owner in run.students}
    assert all(len(found) == 1 for found in folders.values()), folders
    theirs = folders[other][0]
    assert stat.S_IMODE(theirs.stat().st_mode) == 0o700 and theirs.stat().st_uid == pwd.getpwnam(other).pw_uid
    for shell in [f"ls '{inbound(run)}'", f"cat '{theirs}/{AID}.ipynb'", f"ls '{theirs}'", f"rm -rf '{theirs}'",
                  f"mv '{theirs}' '{inbound(run)}/{student}+stolen'"]:
        assert as_user(run, student, shell, check=False).returncode != 0, f"{student} could: {shell}"
    assert theirs.exists()


@pytest.fixture(scope="module")
def early(submitted):
    """The feedback-on-submit service graded each student's submission and released its feedback."""
    run = submitted
    return run, wait_for_early_feedback(run, {folder.name for folder in inbound(run).iterdir()})


def wait_for_early_feedback(run, folders, timeout=600):
    """{submission folder: the service's record} once it has handled each of ``folders``."""
    from tools.classroom.early_feedback import records as service_records
    deadline = time.time() + timeout
    while time.time() < deadline:
        records = {r["folder"]: r for r in service_records(run)}
        if folders <= set(records):
            return {folder: records[folder] for folder in folders}
        time.sleep(2)
    raise AssertionError(f"no early feedback within {timeout} s for {sorted(folders - set(records))}; "
                         f"the classroom's log ends with:\n{run.log.read_text(errors='replace')[-3000:]}")


def test_feedback_on_submit_reaches_each_student_alone(early):
    run, records = early
    assert len(records) == 2 and all("error" not in r and r["policy"] == "full" for r in records.values()), records
    for name in run.students:
        as_user(run, name, f"nbgrader fetch_feedback {AID}")
        pages = as_user(run, name, f"cat {AID}/feedback/*/{AID}.html").stdout
        assert "Early feedback" in pages and f"written by {name}" in pages
        assert not any(f"written by {n}" in pages for n in run.students if n != name)
    # Graded apart from the class's grades: nothing is collected or in the gradebook yet.
    from nbgrader.api import Gradebook
    with Gradebook(run.gradebook_url_file.read_text().strip()) as gradebook:
        assert gradebook.find_assignment(AID).submissions == []
    assert not (run.course_root / "submitted").exists()


def test_a_linked_notebook_is_neither_graded_early_nor_collected_as_the_students(early):
    """A student's own submission folder whose notebook links to the instructors' solution."""
    run, _ = early
    student = run.students[0]
    solution = run.course_root / "source" / AID / f"{AID}.ipynb"
    planted = f"{inbound(run)}/{student}+{AID}+2098-01-01 00:00:00.000000 UTC+link"
    as_user(run, student, f"mkdir '{planted}' && ln -s '{solution}' '{planted}/{AID}.ipynb' "
                          f"&& echo '2098-01-01 00:00:00.000000 UTC' > '{planted}/timestamp.txt' "
                          f"&& echo secret > '{planted}/submission_secret.txt'")
    try:
        record = wait_for_early_feedback(run, {Path(planted).name})[Path(planted).name]
        assert record["error"].startswith("not read") and "released" not in record, record
        instructor(run, "collect", AID)
        collected = run.course_root / "submitted" / student / AID / f"{AID}.ipynb"
        assert collected.is_symlink(), "collect followed the student's link"     # the autograder refuses it
    finally:
        as_user(run, student, f"rm -rf '{planted}'")
        shutil.rmtree(run.course_root / "submitted", ignore_errors=True)


def test_a_submission_in_someone_elses_name_is_not_collected(submitted):
    run = submitted
    student, other = run.students
    # A later submission named as the other student, and nbgrader run with the other's name.
    forged = f"{inbound(run)}/{other}+{AID}+2099-01-01 00:00:00.000000 UTC+forged"
    as_user(run, student, f"mkdir '{forged}' && cp {AID}/{AID}.ipynb '{forged}/' "
                          f"&& echo '2099-01-01 00:00:00.000000 UTC' > '{forged}/timestamp.txt'")
    as_user(run, student, f"nbgrader submit {AID}", env={"USER": other, "JUPYTERHUB_USER": other})
    collected = instructor(run, "collect", AID)
    assert "Not collected" in collected.stderr + collected.stdout
    for name in run.students:
        text = (run.course_root / "submitted" / name / AID / f"{AID}.ipynb").read_text()
        assert f"written by {name}" in text and not any(f"written by {n}" in text for n in run.students if n != name)
        # nbgrader's records of the submission came along (the course ignores *.txt files).
        assert (run.course_root / "submitted" / name / AID / "timestamp.txt").read_text().startswith("20")


@pytest.fixture(scope="module")
def feedback(submitted):
    """The instructor collected, autograded (in the grading sandbox), and released feedback."""
    run = submitted
    instructor(run, "collect", AID)
    instructor(run, "autograde", AID)
    instructor(run, "generate_feedback", AID)
    instructor(run, "release_feedback", AID)
    return run


def test_each_student_fetches_their_own_feedback_only(feedback, early):
    run = feedback
    _, records = early
    from nbgrader.api import Gradebook
    with Gradebook(run.gradebook_url_file.read_text().strip()) as gradebook:
        for record in records.values():        # early feedback gave the score the deadline's grading gives
            final = gradebook.find_submission(AID, record["student"])
            assert (record["score"], record["max_score"]) == (final.score, final.max_score)
    student, other = run.students
    for name in run.students:
        as_user(run, name, f"nbgrader fetch_feedback {AID}")
        pages = as_user(run, name, f"cat {AID}/feedback/*/{AID}.html").stdout
        assert f"written by {name}" in pages and not any(f"written by {n}" in pages for n in run.students if n != name)
    released = run.exchange / COURSE / "feedback"
    theirs = [p for p in released.iterdir() if p.stat().st_uid == pwd.getpwnam(other).pw_uid]
    assert len(theirs) == 1 and stat.S_IMODE(theirs[0].stat().st_mode) == 0o600
    for shell in [f"ls '{released}'", f"cat '{theirs[0]}'"]:
        assert as_user(run, student, shell, check=False).returncode != 0, f"{student} could: {shell}"


def test_instructor_and_assistant_grade_in_the_formgrader_service(classroom, tokens, feedback):
    run, _, hub = classroom
    for grader in [*run.instructors, *run.assistants]:
        answer = hub.get(tokens[grader], f"services/{COURSE}/formgrader/api/assignments")
        assert answer.status_code == 200, answer.text[:300]
        assert [a["name"] for a in answer.json()] == [AID]
    # The assistant grades a cell by hand (01 has no written answer; a manual score overrides the
    # autograder's, as for any cell) through the service's API.
    ta = tokens[run.assistants[0]]
    submission = hub.get(ta, f"services/{COURSE}/formgrader/api/submitted_notebooks/{AID}/{AID}").json()[0]
    grades = hub.get(ta, f"services/{COURSE}/formgrader/api/grades", params={"submission_id": submission["id"]}).json()
    grade = next(g for g in grades if g["max_score"])
    answer = requests_put(hub, ta, f"services/{COURSE}/formgrader/api/grade/{grade['id']}",
                          {"manual_score": grade["max_score"]})
    assert answer.status_code == 200, answer.text[:300]
    assert hub.get(ta, f"services/{COURSE}/formgrader/api/grade/{grade['id']}").json()["manual_score"] == grade["max_score"]
    # A student may not.
    student = tokens[run.students[0]]
    assert requests_put(hub, student, f"services/{COURSE}/formgrader/api/grade/{grade['id']}",
                        {"manual_score": 0}).status_code == 403
    # The class report beside the formgrader (tools/report/server.py), for the graders only.
    report = hub.get(ta, f"services/{COURSE}/class-report")
    assert report.status_code == 200 and f"<th>{AID}</th>" in report.text, report.text[:300]
    assert hub.get(student, f"services/{COURSE}/class-report").status_code == 403


def requests_put(hub, token, path, body):
    import requests
    return requests.put(hub.url + path, headers={"Authorization": f"token {token}"}, data=json.dumps(body), timeout=60)


# Without a class: what the command generates.

def test_class_list_gives_one_account_per_student(tmp_path):
    listed = tmp_path / "students.csv"
    listed.write_text("name,username\nAda Lovelace,ada\nAlan Turing,aturing\n")
    assert accounts.names("c-", accounts.class_list(listed))[2] == ["c-ada", "c-aturing"]
    with pytest.raises(SystemExit, match="Not valid Unix account names: c-Bad Name"):
        accounts.check_names(["c-ok", "c-Bad Name"])


def test_exchange_has_nbgraders_modes_and_sticky_bits(tmp_path):
    from tools.classroom import exchange
    root = exchange.create(tmp_path / "exchange", COURSE)
    modes = {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]}
    assert modes == {".": 0o1777, COURSE: 0o755, f"{COURSE}/outbound": 0o755,
                     f"{COURSE}/inbound": 0o3733, f"{COURSE}/feedback": 0o711}


def test_hub_config_gives_the_formgrader_to_its_group_only(tmp_path, monkeypatch):
    from traitlets.config import Config
    from tools.classroom import hubconfig
    run = layout.Run(tmp_path / "run", tmp_path / "course", "c-", 8000, ["c-instructor"], ["c-ta"], ["c-s1"])
    run.folder.mkdir()
    hubconfig.write_hub_config(run)
    config = Config()
    monkeypatch.setenv("COURSE_DB_URL", "postgresql+psycopg2://grader:pw@127.0.0.1:1/gradebook")
    exec(compile(run.hub_config.read_text(), str(run.hub_config), "exec"), {"get_config": lambda: config})
    groups = config.JupyterHub.load_groups
    assert groups[f"formgrade-{COURSE}"]["users"] == ["c-instructor", "c-ta"] and groups["students"]["users"] == ["c-s1"]
    roles = {role["name"]: role for role in config.JupyterHub.load_roles}
    assert roles[f"formgrade-{COURSE}"]["groups"] == [f"formgrade-{COURSE}"]
    assert f"access:services!service={COURSE}" in roles[f"formgrade-{COURSE}"]["scopes"]
    assert not any(f"access:services" in scope for name, role in roles.items() if name != f"formgrade-{COURSE}"
                   for scope in role["scopes"])
    services = {service["name"]: service for service in config.JupyterHub.services}
    assert sorted(services) == sorted([COURSE, "feedback-on-submit"])
    service = services[COURSE]
    assert service["cwd"] == str(run.course_root)
    # Feedback on submit has no web page: nobody is routed to it.
    assert "url" not in services["feedback-on-submit"]
    early = services["feedback-on-submit"]["command"]
    assert early[early.index("--exchange") + 1] == str(run.exchange) and str(run.folder) in early
    assert config.JupyterHub.bind_url == "http://127.0.0.1:8000" and config.Spawner.ip == "127.0.0.1"
    assert stat.S_IMODE(run.hub_config.stat().st_mode) == 0o600


def test_course_id_is_the_one_nbgrader_uses():
    assert f'c.CourseDirectory.course_id = "{COURSE}"' in (layout.REPO / "nbgrader_config.py").read_text()


def test_stop_ends_a_proxy_its_dead_hub_left_behind(tmp_path):
    import subprocess
    from tools.classroom.__main__ import _stop_orphaned_proxy
    run = layout.Run(tmp_path)
    (tmp_path / "hub").mkdir()
    proxy = subprocess.Popen(["bash", "-c", "exec -a configurable-http-proxy sleep 60"])
    other = subprocess.Popen(["sleep", "60"])
    try:
        (tmp_path / "hub" / "jupyterhub-proxy.pid").write_text(str(other.pid))
        _stop_orphaned_proxy(run)                   # not a proxy: left alone
        assert other.poll() is None
        (tmp_path / "hub" / "jupyterhub-proxy.pid").write_text(str(proxy.pid))
        _stop_orphaned_proxy(run)
        assert proxy.wait(10) is not None
    finally:
        for process in (proxy, other):
            process.kill()
            process.wait()
