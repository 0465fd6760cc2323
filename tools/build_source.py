"""Build ``source/<id>/<id>.ipynb`` from the authoring file ``notebooks/<id>.py``.

Authoring files are plain Python in the "percent" format, so they diff and review like code.
A line starting with ``# %%`` opens a cell; words after it describe the cell:

    # %% [markdown]                      a markdown cell (each line starts with "# ")
    # %% locked id=setup                 read-only cell
    # %% solution id=mse_grads           autograded answer (### BEGIN/END SOLUTION inside)
    # %% test id=test_mse_grads points=2 autograder tests (### BEGIN/END HIDDEN TESTS inside)
    # %% [markdown] manual id=q points=3 manually graded written answer
    # %% [markdown] locked id=q_prompt   read-only markdown

``python -m tools.build_source`` rebuilds every notebook; ``--check`` only reports whether
``source/`` is up to date (the tests use it).
"""
import re
import sys
from pathlib import Path

import nbformat

from tools.common.paths import REPO

AUTHORING = REPO / "notebooks"
SOURCE = REPO / "source"
HEADER = re.compile(r"^# %%(.*)$")
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _parse_header(text):
    words = text.split()
    markdown = "[markdown]" in words
    flags = {w for w in words if "=" not in w and w != "[markdown]"}
    values = dict(w.split("=", 1) for w in words if "=" in w)
    unknown = flags - {"locked", "solution", "test", "manual"}
    if unknown:
        raise ValueError(f"unknown cell flag(s) {sorted(unknown)} in '# %%{text}'")
    return markdown, flags, values


def _nbgrader_metadata(flags, values, where):
    if not flags:
        return None
    grade_id = values.get("id")
    if not grade_id:
        raise ValueError(f"{where}: a graded or locked cell needs id=...")
    graded = bool(flags & {"test", "manual"})
    meta = {
        "grade": graded,
        "grade_id": grade_id,
        "locked": "locked" in flags or "test" in flags,
        "schema_version": 3,
        "solution": bool(flags & {"solution", "manual"}),
        "task": False,
    }
    if graded:
        meta["points"] = int(values.get("points", 1))
    return meta


def parse(text, name="notebook"):
    """Cells of an authoring file as a list of nbformat cells."""
    cells, current = [], None
    for lineno, line in enumerate(text.splitlines(), 1):
        match = HEADER.match(line)
        if match:
            current = {"header": _parse_header(match.group(1)), "lines": [], "where": f"{name}:{lineno}"}
            cells.append(current)
        elif current is not None:
            current["lines"].append(line)
    out, ids = [], set()
    for cell in cells:
        markdown, flags, values = cell["header"]
        lines = cell["lines"]
        while lines and not lines[-1].strip():
            lines.pop()
        if markdown:
            body = "\n".join(re.sub(r"^# ?", "", l) if l.startswith("#") else l for l in lines)
            nb_cell = nbformat.v4.new_markdown_cell(body)
        else:
            nb_cell = nbformat.v4.new_code_cell("\n".join(lines))
        meta = _nbgrader_metadata(flags, values, cell["where"])
        if meta:
            if meta["grade_id"] in ids:
                raise ValueError(f"{cell['where']}: duplicate id {meta['grade_id']}")
            ids.add(meta["grade_id"])
            nb_cell.metadata["nbgrader"] = meta
        out.append(nb_cell)
    return out


def build(path):
    cells = parse(Path(path).read_text(), Path(path).name)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = KERNEL
    nb.metadata["language_info"] = {"name": "python"}
    # Deterministic cell ids so rebuilding an unchanged file changes nothing.
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def targets():
    for path in sorted(AUTHORING.glob("[0-9][0-9]_*.py")):
        yield path, SOURCE / path.stem / f"{path.stem}.ipynb"


def main(argv):
    stale = []
    for authoring, notebook in targets():
        text = build(authoring)
        if notebook.exists() and notebook.read_text() == text:
            continue
        stale.append(notebook)
        if "--check" not in argv:
            notebook.parent.mkdir(parents=True, exist_ok=True)
            notebook.write_text(text)
            print(f"built {notebook.relative_to(REPO)}")
    if "--check" in argv and stale:
        print("out of date: " + ", ".join(str(p.relative_to(REPO)) for p in stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
