#!/bin/sh
# System packages the course needs beyond Python: bubblewrap (the grading sandbox),
# postgresql (the server tools/postgres.py starts for a PostgreSQL gradebook and its test).
# Run by `make venv`; installs with apt-get when run as root and something is missing,
# otherwise says what to install.
set -e
missing=""
command -v bwrap >/dev/null 2>&1 || missing="$missing bubblewrap"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages:$missing"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "Please install:$missing (e.g. sudo apt-get install$missing); grading refuses to run without a sandbox." >&2
fi
