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


def test_rubric_lines_and_copied_runs(authored):
    nb = authored
    nb.cells[-1].source = nb.cells[-1].source.replace(
        "### BEGIN SOLUTION\n", "### BEGIN SOLUTION\n*Rubric (3 points):* 1 point for naming the chain rule;\n\n", 1)
    assert leaks.rubric_lines(nb) == {"*Rubric (3 points):* 1 point for naming the chain rule;"}
    nb.cells[2].source = ("def f(x):\n    ### BEGIN SOLUTION\n    shifted_value = x + 1\n    doubled_value = shifted_value * 2\n"
                          "    return doubled_value - shifted_value\n    ### END SOLUTION")
    runs = leaks.secret_runs("99_none", nb)
    assert runs == {("shifted_value = x + 1", "doubled_value = shifted_value * 2", "return doubled_value - shifted_value")}
    copy = "def g(y):\n    shifted_value = x + 1\n\n    doubled_value = shifted_value * 2\n    return doubled_value - shifted_value\n"
    assert leaks.runs(copy) & runs == runs                      # blank lines and indentation do not hide it
    assert not leaks.runs(copy.replace("doubled_value = shifted_value * 2", "pass")) & runs
