"""Secret lines of a source notebook, and delimiters spelled wrong (tools/catalogue/leaks.py)."""
from tools.catalogue import leaks


def test_secret_lines_and_misspellings(authored):
    nb = authored
    secrets = leaks.secret_lines(nb)
    assert 'assert f(41) == 42 and "secret_marker_value"' in secrets
    assert "a model answer that is long enough" in secrets
    assert leaks.misspelled_delimiters(nb) == []
    nb.cells[3].source = nb.cells[3].source.replace("### BEGIN HIDDEN TESTS", "### BEGIN HIDDEN TEST")
    assert leaks.misspelled_delimiters(nb) == ["### BEGIN HIDDEN TEST"]
    nb.cells[3].source = "# begin hidden tests\n" + nb.cells[3].source
    assert "# begin hidden tests" in leaks.misspelled_delimiters(nb)
