#!/bin/sh
# System packages the course needs beyond Python: bubblewrap (the grading sandbox), Debian's
# chromium with a font (tests/test_browser.py drives JupyterLab in it; Playwright's own
# browser download cannot be used offline), and postgresql (the server tools/postgres.py
# starts for a PostgreSQL gradebook and its test).
# Run by `make venv`; installs with apt-get when run as root and something is missing,
# otherwise says what to install.
set -e
missing=""
command -v bwrap >/dev/null 2>&1 || missing="$missing bubblewrap"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -d /usr/share/fonts/truetype/dejavu ] || missing="$missing fonts-dejavu-core"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages:$missing"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "Please install:$missing (e.g. sudo apt-get install$missing); grading refuses to run without a sandbox (bubblewrap), the browser tests fail without chromium, the PostgreSQL test without postgresql." >&2
fi
