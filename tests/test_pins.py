"""The pinned versions are read from requirements.txt and constraints.txt (tools/common/pins.py)."""
import pytest

from conftest import REPO
from tools.common import pins


def test_pins_come_from_requirements_then_constraints():
    found = pins.pins()
    for line in (REPO / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            assert found[name.lower()] == version.strip()
    assert "alembic" in found                                  # pinned in constraints.txt only
    assert pins.requirement_lines(["Psycopg2_Binary"]) == [f"Psycopg2_Binary=={found['psycopg2-binary']}"]
    with pytest.raises(KeyError, match="not-a-package"):
        pins.requirement_lines(["not-a-package"])
