"""``HideHiddenTests`` (generate_feedback): feedback is rendered from the autograded notebook,
which contains the hidden tests, and tracebacks quote the lines that failed. This removes the
hidden regions from test cells and reduces each test cell's traceback to its last line (the
exception and its message), so no hidden-test source reaches the HTML."""
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.preprocessors.clearhiddentests import ClearHiddenTests

from tools.grader.cells import error_line


class HideHiddenTests(NbGraderPreprocessor):

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or not utils.is_grade(cell):
            return cell, resources
        remover = ClearHiddenTests(enforce_metadata=False)
        remover._remove_hidden_test_region(cell)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [error_line(output)]
        return cell, resources
