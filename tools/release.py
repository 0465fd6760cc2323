"""Regenerate ``release/`` from ``source/`` with nbgrader (``make release``)."""
import sys

from tools.nbgrader_cli import REPO, assignments, nbgrader


def generate_release(root=REPO):
    for aid in assignments(root / "source"):
        nbgrader(root, "generate_assignment", aid, "--force")
        print(f"released {aid} -> release/{aid}/")


if __name__ == "__main__":
    generate_release()
    sys.exit(0)
