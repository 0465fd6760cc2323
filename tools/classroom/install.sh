#!/bin/sh
# Installs the classroom's hub (run by `make classroom` when tools/classroom/requirements.txt,
# package.json or package-lock.json change): into .classroom/ (ignored by git), never into .venv.
#  - .classroom/hub-venv: JupyterHub and what it needs beyond the course venv. It is a venv of the
#    same Python whose .pth file adds the course venv's packages, so the hub sees nbgrader and
#    JupyterLab, and pip installs only what is missing, at the pins of requirements.txt and of the
#    course's constraints.txt. The single-user servers run on the course venv's Python with this
#    venv's site-packages on PYTHONPATH (for `jupyterhub.singleuser`).
#  - .classroom/proxy/node_modules: configurable-http-proxy, exactly as package-lock.json says.
set -e
course_python=.venv/bin/python
hub=.classroom/hub-venv
mkdir -p .classroom/proxy
rm -rf "$hub"
"$course_python" -m venv "$hub"
course_site=$("$course_python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
hub_site=$("$hub/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$course_site" > "$hub_site/course-venv.pth"
"$hub/bin/python" -m pip install --quiet --upgrade pip
"$hub/bin/python" -m pip install --quiet -r tools/classroom/requirements.txt -c constraints.txt
# As in the course venv (Makefile): jupyter-events' optional IRI checker, 1.4 s of every nbformat import.
"$hub/bin/python" -m pip uninstall --quiet --yes rfc3987-syntax 2>/dev/null || true
cp tools/classroom/package.json tools/classroom/package-lock.json .classroom/proxy/
(cd .classroom/proxy && npm ci --no-audit --no-fund --loglevel=error)
touch "$hub/.installed"
