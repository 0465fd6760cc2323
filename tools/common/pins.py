"""The exact versions the course is installed with: ``requirements.txt`` (what the course needs)
and ``constraints.txt`` (the full lock of everything they pull in), the one place they are
written down."""
import re

from tools.common.paths import REPO

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def _canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(files=(REPO / "requirements.txt", REPO / "constraints.txt")):
    """{package name (canonical: lower case, ``-``): version} of every ``name==version`` line;
    the first file that pins a package wins."""
    out = {}
    for path in files:
        for line in path.read_text().splitlines():
            match = _PIN.match(line.strip())
            if match:
                out.setdefault(_canonical(match.group(1)), match.group(2))
    return out


def requirement_lines(names):
    """``name==version`` for each of ``names``, at the course's pinned version."""
    pinned = pins()
    missing = [name for name in names if _canonical(name) not in pinned]
    if missing:
        raise KeyError(f"not pinned in requirements.txt or constraints.txt: {', '.join(missing)}")
    return [f"{name}=={pinned[_canonical(name)]}" for name in names]
