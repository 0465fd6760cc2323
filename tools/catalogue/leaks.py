"""Find solution code and hidden tests where students could see them.

The secrets of a source notebook are the lines inside ``### BEGIN SOLUTION`` /
``### END SOLUTION`` and ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS`` regions that
do not also occur outside those regions (so an ``import torch`` shared with public code is
not a secret) and are long enough to be distinctive.
"""
import html
import re

DELIMITERS = {"### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"}
# Anything that looks like a delimiter, however it is spelled or cased.
_LOOKS_LIKE_DELIMITER = re.compile(r"(begin|end|start|stop)[\s_\-]*(hidden|solution|hiden|test)", re.I)
MIN_LENGTH = 16


def misspelled_delimiters(nb):
    """Lines that look like a delimiter but are not one of nbgrader's exact spellings."""
    bad = []
    for cell in nb.cells:
        for line in cell.source.splitlines():
            if _LOOKS_LIKE_DELIMITER.search(line) and line.strip() not in DELIMITERS:
                bad.append(line.strip())
    return bad


def _regions(source):
    """(secret_lines, public_lines) of one cell's source."""
    secret, public, inside = [], [], None
    for line in source.splitlines():
        stripped = line.strip()
        if stripped in ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"):
            inside = stripped
            continue
        if stripped in ("### END SOLUTION", "### END HIDDEN TESTS"):
            inside = None
            continue
        (secret if inside else public).append(stripped)
    return secret, public


def secret_lines(source_nb, kinds=("solution", "hidden")):
    """Distinctive lines of the solution and/or hidden-test regions of a source notebook."""
    secret, public = set(), set()
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        cell_secret, cell_public = _regions(cell.source)
        is_test = meta.get("grade") and not meta.get("solution")
        if ("hidden" in kinds and is_test) or ("solution" in kinds and not is_test):
            secret.update(cell_secret)
        public.update(cell_public)
        if cell.cell_type == "markdown" and meta.get("solution") and "solution" in kinds:
            secret.update(l for l in cell_secret)
    return {s for s in secret - public if len(s) >= MIN_LENGTH}


def suite_lines(aid, source_nb):
    """Distinctive lines of an assignment's hidden-test package (``tools/hidden_tests/a<id>/``,
    references and probes included) that the source notebook does not show publicly."""
    from tools.common.paths import REPO
    folder = REPO / "tools" / "hidden_tests" / f"a{aid}"
    lines = {line.strip() for path in sorted(folder.glob("*.py")) for line in path.read_text().splitlines()}
    public = set()
    for cell in source_nb.cells:
        public.update(_regions(cell.source)[1])
    return {line for line in lines - public if len(line) >= MIN_LENGTH and not line.startswith(("#", '"""', "import ", "from "))}


def rubric_lines(source_nb):
    """Distinctive lines of the rubrics of a source notebook's written questions."""
    from tools.grader import rubrics
    return {line.strip() for cell in source_nb.cells if cell.cell_type == "markdown"
            for line in rubrics.rubric_of(cell.source).splitlines() if len(line.strip()) >= MIN_LENGTH}


RUN = 3      # consecutive lines: a copied piece of solution, not a line any code may share


def runs(text, length=RUN):
    """Each ``length`` consecutive non-blank lines of ``text``, stripped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return {tuple(lines[i:i + length]) for i in range(len(lines) - length + 1)}


def secret_runs(aid, source_nb, length=RUN):
    """Runs of ``length`` consecutive lines of the solution regions and hidden tests of an
    assignment that are all secret: found in any file, they are a copy of its answers or tests,
    whichever notebook or module holds them (a single line may be ordinary code elsewhere)."""
    from tools.common.paths import REPO
    secrets = secret_lines(source_nb) | suite_lines(aid, source_nb)
    texts = [cell.source for cell in source_nb.cells]
    texts += [path.read_text() for path in sorted((REPO / "tools" / "hidden_tests" / f"a{aid}").glob("*.py"))]
    return {run for text in texts for run in runs(text, length) if all(line in secrets for line in run)}


def visible_text(text):
    """The text a reader sees in an HTML page (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def leaked(text, secrets):
    """The secret lines that occur in ``text``."""
    return sorted(s for s in secrets if s in text)


def notebook_text(nb):
    """All cell sources and outputs of a notebook as one string."""
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts.extend(str(v) for v in output.get("data", {}).values())
            parts.extend(output.get("traceback", []))
    return "\n".join(parts)
