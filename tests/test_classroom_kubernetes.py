"""The classroom on Kubernetes (docs/classroom-kubernetes.md): the committed Helm values and
manifests are what ``python -m tools.classroom.z2jh`` writes now, they parse, and they carry what
the local hub runs with (groups, roles and scopes, the formgrader service and its environment,
the students' settings, the exchange's modes), compared parsed, not as text. No cluster needed."""
import json
import re
import stat

import pytest
import yaml
from traitlets.config import Config

from tools.classroom import exchange, hubconfig, layout, sandbox, settings, z2jh

REGENERATE = "out of date: run `python -m tools.classroom.z2jh` and commit docs/classroom-kubernetes/"


def committed(name):
    return list(yaml.safe_load_all((z2jh.OUT / name).read_text()))


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """What `make classroom` generates for a class, without starting it: (hub Config, run)."""
    folder = tmp_path_factory.mktemp("classroom")
    run = layout.Run(folder / "run", folder / "course", "c-", 8000, ["c-instructor"], ["c-ta"], ["c-s1"])
    run.folder.mkdir()
    hubconfig.write_hub_config(run)
    hubconfig.write_student_config(run)
    config = Config()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(settings.GRADEBOOK_ENV, "postgresql+psycopg2://grader:pw@127.0.0.1:1/gradebook")
        exec(compile(run.hub_config.read_text(), str(run.hub_config), "exec"), {"get_config": lambda: config})
    return config, run


@pytest.fixture(scope="module")
def values():
    document, = committed("config.yaml")
    return document


@pytest.fixture(scope="module")
def formgrader():
    return {item["kind"]: item for item in committed("formgrader.yaml")}


def test_committed_files_are_what_the_generator_writes():
    for name, text in z2jh.rendered().items():
        assert (z2jh.OUT / name).read_text() == text, f"docs/classroom-kubernetes/{name} {REGENERATE}"


def test_a_changed_setting_shows_as_out_of_date(monkeypatch):
    before = z2jh.rendered()["config.yaml"]
    monkeypatch.setattr(settings, "STUDENTS_GROUP", "learners")
    assert z2jh.rendered()["config.yaml"] != before


def test_every_file_parses_as_kubernetes_objects():
    kinds = {name: [item.get("kind") for item in committed(name)] for name in z2jh.rendered()}
    assert kinds == {"config.yaml": [None], "exchange.yaml": ["PersistentVolumeClaim", "Job"],
                     "formgrader.yaml": ["PersistentVolumeClaim", "ConfigMap", "Deployment", "Service"]}


def test_values_have_the_local_hubs_groups_roles_and_service(local, values):
    config, _ = local
    assert set(values["hub"]["config"]["JupyterHub"]["load_groups"]) == set(config.JupyterHub.load_groups)
    roles = [{"name": name, **role} for name, role in values["hub"]["loadRoles"].items()]
    assert roles == config.JupyterHub.load_roles
    service = _local_services(config)[settings.SERVICE_NAME]
    (name, entry), = values["hub"]["services"].items()
    assert name == service["name"] and entry["oauth_no_confirm"] == service["oauth_no_confirm"]
    assert f"access:services!service={name}" in {scope for role in roles for scope in role["scopes"]}


def _local_services(config):
    services = {service["name"]: service for service in config.JupyterHub.services}
    assert sorted(services) == sorted([settings.SERVICE_NAME, settings.EARLY_FEEDBACK_SERVICE])
    return services


def _containers(formgrader):
    return {c["name"]: c for c in formgrader["Deployment"]["spec"]["template"]["spec"]["containers"]}


def test_formgrader_pod_is_the_local_service(local, formgrader):
    config, _ = local
    service = _local_services(config)[settings.SERVICE_NAME]
    container = _containers(formgrader)[z2jh.FORMGRADER]
    env = {item["name"]: item.get("value", item.get("valueFrom")) for item in container["env"]}
    assert set(service["environment"]) - {"PATH", "HOME"} <= set(env)
    assert {k: env[k] for k in settings.SERVICE_FIXED_ENV} == {k: service["environment"][k] for k in settings.SERVICE_FIXED_ENV}
    assert env["JUPYTERHUB_SERVICE_NAME"] == service["name"]
    assert env["JUPYTERHUB_API_TOKEN"]["secretKeyRef"]["key"] == f"hub.services.{service['name']}.apiToken"
    port = formgrader["Service"]["spec"]["ports"][0]["port"]
    assert next(iter(z2jh.helm_values()["hub"]["services"].values()))["url"] == f"http://{z2jh.FORMGRADER}:{port}"


def test_formgrader_gets_the_local_instructors_settings(local, formgrader):
    _, run = local
    hubconfig.write_instructor_config(run)
    data = formgrader["ConfigMap"]["data"]
    assert json.loads(data["jupyter_server_config.json"]) == json.loads((run.instructor_config / "jupyter_server_config.json").read_text())
    local_nbgrader = (run.instructor_config / "nbgrader_config.py").read_text()
    assert data["nbgrader_config.py"] == local_nbgrader.replace(str(run.exchange), z2jh.EXCHANGE_ROOT)


def test_feedback_on_submit_runs_beside_the_formgrader_as_locally(local, formgrader):
    config, run = local
    local_command = _local_services(config)[settings.EARLY_FEEDBACK_SERVICE]["command"]
    container = _containers(formgrader)[settings.EARLY_FEEDBACK_SERVICE]
    command = container["command"][-1].split("exec ", 1)[1].split()
    # The same module and options, with the pod's paths for the local ones.
    assert [a for a in command if a.startswith("-")] == [a for a in local_command if a.startswith("-")]
    assert command[command.index("-m") + 1] == local_command[local_command.index("-m") + 1]
    assert command[command.index("--exchange") + 1] == z2jh.EXCHANGE_ROOT
    assert local_command[local_command.index("--exchange") + 1] == str(run.exchange)
    env = {item["name"] for item in container["env"]}
    assert settings.GRADEBOOK_ENV in env and settings.GRADEBOOK_ENV in _local_services(config)[settings.EARLY_FEEDBACK_SERVICE]["environment"]
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    assert {z2jh.COURSE_ROOT, z2jh.EXCHANGE_ROOT, z2jh.ACCOUNTS} <= mounts


def test_students_get_the_local_students_settings(local, values):
    _, run = local
    files = {entry["mountPath"].removeprefix(z2jh.STUDENT_CONFIG + "/"): entry
             for entry in values["singleuser"]["extraFiles"].values()}
    for name in ["jupyter_server_config.json", "labconfig/page_config.json"]:
        assert files[name]["data"] == json.loads((run.student_config / name).read_text()), name
    module = f"{settings.STUDENT_EXCHANGE_MODULE}.py"
    assert files[module]["stringData"] == (run.student_config / module).read_text()
    assert files["nbgrader_config.py"]["stringData"] == (run.student_config / "nbgrader_config.py").read_text().replace(
        repr(str(run.exchange)), repr(z2jh.EXCHANGE_ROOT))
    assert values["singleuser"]["extraEnv"][settings.CONFIG_PATH_ENV] == z2jh.STUDENT_CONFIG
    assert set(values["singleuser"]["extraEnv"]) <= set(sandbox.environment(run, "c-s1"))
    assert values["singleuser"]["defaultUrl"] == sandbox.environment(run, "c-s1")["JUPYTERHUB_DEFAULT_URL"]
    mount, = values["singleuser"]["storage"]["extraVolumeMounts"]
    assert mount["mountPath"] == z2jh.EXCHANGE_ROOT


def test_exchange_init_job_gives_the_local_exchanges_modes(tmp_path):
    root = exchange.create(tmp_path / "exchange", settings.COURSE_ID)
    local_modes = {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]}
    job = committed("exchange.yaml")[1]
    script = job["spec"]["template"]["spec"]["containers"][0]["command"][-1]
    job_modes = {re.sub(f"^{z2jh.EXCHANGE_ROOT}/?", "", path) or ".": int(mode, 8)
                 for mode, path in re.findall(r"^chmod (\d+) (\S+)$", script, re.M)}
    assert job_modes == local_modes


def test_accounts_give_each_name_its_own_uid():
    passwd = z2jh.accounts_map(["ada", "alan"], ["prof"])["data"]["passwd"].splitlines()
    uids = {line.split(":")[0]: int(line.split(":")[2]) for line in passwd}
    assert list(uids) == ["prof", "ada", "alan"] and len(set(uids.values())) == 3
    assert min(uids.values()) >= z2jh.FIRST_UID
    with pytest.raises(SystemExit, match="Bad Name"):
        z2jh.accounts_map(["Bad Name"])
    with pytest.raises(SystemExit, match="twice"):
        z2jh.accounts_map(["ada", "alan"], ["ada"])
