"""The student bundle installs as its README says, from the zip alone, on a fresh laptop: a
bundle of one assignment unpacked in a folder whose path has a space, the README's Linux steps
run there in bash with a Python outside any virtual environment (the CPU index of PyTorch is out
of reach here: its line is left out, after checking the README has it for Linux and Windows; pip
takes the default build, as on macOS). In that environment, nbgrader's Validate passes the
reference answers and reports failures in the untouched notebook, and JupyterLab started as the
README says shows the student's view.

The install (PyTorch's CUDA build on Linux x86-64, about 6 GB installed) takes minutes: one
environment for the module, an xdist group of its own so that it runs beside the grading tests.
pip's own configuration is the package index, as on a laptop."""
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import nbformat
import pytest

from conftest import ASSIGNMENTS, REPO
from tools import student_bundle
from tools.catalogue import submissions
from tools.common.ports import free_port

pytestmark = pytest.mark.xdist_group("bundle-install")

AID = ASSIGNMENTS[0]
INSTALL_TIMEOUT_S = 45 * 60      # minutes of unpacking on two busy cores
NBGRADER_TIMEOUT_S = 15 * 60


def _laptop_env():
    """This machine's environment as a student's shell would have it: no virtual environment
    on PATH (the course's own included), none of the course's variables; pip's configuration
    stays. Synthetic data, as everywhere in the tests: no download attempts."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MPLBACKEND", "PYTHONHOME") and not k.startswith("JUPYTER")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and not (Path(p).parent / "pyvenv.cfg").exists())
    env["COURSE_SYNTHETIC_DATA"] = "1"
    return env


def _bash(folder, commands, log, timeout):
    """Run ``commands`` in bash in ``folder`` (stopping at the first that fails); output to ``log``."""
    script = "\n".join(["set -e", f"cd {shlex.quote(str(folder))}", *commands])
    with open(log, "w") as out:
        done = subprocess.run(["bash", "-c", script], env=_laptop_env(), stdout=out, stderr=subprocess.STDOUT,
                              timeout=timeout)
    text = Path(log).read_text(errors="replace")
    assert done.returncode == 0, f"{commands} failed ({done.returncode}):\n{text[-6000:]}"
    return text


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """(folder, README, the activation line) of a bundle of ``AID`` installed as its README says."""
    started = time.time()
    laptop = tmp_path_factory.mktemp("student laptop")
    with zipfile.ZipFile(student_bundle.build(laptop / "download", wanted=AID)) as z:
        z.extractall(laptop / "My Course")
    folder = laptop / "My Course" / student_bundle.NAME
    readme = (folder / "README.md").read_text()
    linux = student_bundle.readme_commands(readme, "Linux")
    cpu_only = [line for line in linux if f"--index-url {student_bundle.CPU_INDEX}" in line]
    assert len(cpu_only) == 1, linux
    _bash(folder, [line for line in linux if line not in cpu_only], laptop / "install.log", INSTALL_TIMEOUT_S)
    print(f"\nbundle build, unzip and install: {time.time() - started:.0f} s")
    activate = next(line for line in linux if "activate" in line)
    yield folder, readme, activate
    print(f"\nbundle install tests, all told: {time.time() - started:.0f} s")
    # pytest keeps the last three runs' temporary folders: not 6 GB each.
    shutil.rmtree(folder / ".venv", ignore_errors=True)


def test_the_environment_is_the_bundles_own(bundle, tmp_path):
    folder, _, activate = bundle
    out = _bash(folder, [activate, "python -c 'import course, torch; print(course.__file__)'",
                         "jupyter kernelspec list --json"], tmp_path / "where.log", 300)
    course_file, kernelspecs = out.split("\n", 1)
    assert Path(course_file).parent == folder / "course", out
    kernel = json.loads(kernelspecs[kernelspecs.index("{"):])["kernelspecs"]["python3"]
    assert Path(kernel["resource_dir"]).is_relative_to(folder / ".venv"), kernel


def _validate(folder, activate, notebook, log):
    started = time.time()
    out = _bash(folder, [activate, f"nbgrader validate {shlex.quote(notebook)}"], log, NBGRADER_TIMEOUT_S)
    print(f"\nnbgrader validate {notebook}: {time.time() - started:.0f} s")
    return out


def test_validate_reports_failures_in_the_untouched_notebook(bundle, tmp_path):
    folder, _, activate = bundle
    out = _validate(folder, activate, f"{AID}/{AID}.ipynb", tmp_path / "validate-untouched.log")
    assert re.search(r"VALIDATION FAILED ON [1-9]\d* CELL\(S\)!", out), out[-3000:]


def test_validate_passes_the_reference_answers(bundle, tmp_path):
    folder, _, activate = bundle
    # A copy beside the student's own notebook, under a name of its own: the untouched one stays.
    (folder / "reference").mkdir(exist_ok=True)
    release = submissions.read(folder / AID / f"{AID}.ipynb")
    source = submissions.read(REPO / "source" / AID / f"{AID}.ipynb")
    nbformat.write(submissions.reference_submission(release, source), folder / "reference" / f"{AID}.ipynb")
    out = _validate(folder, activate, f"reference/{AID}.ipynb", tmp_path / "validate-reference.log")
    assert "Success! Your notebook passes all the tests." in out, out[-3000:]
    assert "VALIDATION FAILED" not in out


def test_jupyterlab_started_as_the_readme_says_is_the_student_view(bundle, tmp_path):
    folder, readme, activate = bundle
    start = next(line.split("#")[0].strip() for line in readme.splitlines()
                 if line.strip().startswith("JUPYTER_CONFIG_PATH=") and "jupyter lab" in line)
    port, token = free_port(), secrets.token_hex(16)
    flags = f"--no-browser --ServerApp.port={port} --ServerApp.port_retries=0 --IdentityProvider.token={token}"
    if os.geteuid() == 0:
        flags += " --allow-root"
    script = "\n".join([f"cd {shlex.quote(str(folder))}", activate, f"{start} {flags}"])
    log = open(tmp_path / "lab.log", "w")
    # Its own process group: bash and the server it starts stop together.
    server = subprocess.Popen(["bash", "-c", script], env=_laptop_env(), stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    log.close()

    def get(path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}{'&' if '?' in path else '?'}token={token}",
                                        timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    try:
        deadline = time.time() + 120
        while True:
            assert server.poll() is None, (tmp_path / "lab.log").read_text()[-3000:]
            try:
                status, page = get("lab")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.time() < deadline, (tmp_path / "lab.log").read_text()[-3000:]
                time.sleep(1)
        assert status == 200
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                      page, re.S).group(1))
        hidden = set(config.get("disabledExtensions", []))
        assert {"@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:menu",
                "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:assignment-list"} <= hidden
        assert not any("validate" in name for name in hidden)
        # The server side: no formgrader or assignment list answering, Validate's handler there.
        assert get("formgrader")[0] == 404 and get("assignments")[0] == 404
        import nbgrader
        status, answer = get(f"nbgrader_version?version={nbgrader.__version__}")
        assert status == 200 and json.loads(answer)["success"], answer
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
