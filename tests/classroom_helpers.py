"""Tests-only helpers for tests/test_classroom.py. Driving a class (the real command, the hub's
REST API, commands as a student in the sandbox) lives in tools/classroom/driver.py, which the load
bench shares."""
from tools.classroom import layout
from tools.classroom.driver import (ACCOUNT_LINE, Hub, as_user, classroom_command, instructor,  # noqa: F401
                                    printed_accounts)


def load_run(folder):
    return layout.Run.load(folder)
