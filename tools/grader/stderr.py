"""``DemoteStderrInGradeCells`` (autograde): nbgrader scores a test cell 0 when it wrote anything
to stderr, even when every assert passed; one torch ``UserWarning`` is enough. A test cell's
verdict is its exception, so stderr in grade cells is moved to stdout (still visible in the
feedback) before the grades are saved."""
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor


class DemoteStderrInGradeCells(NbGraderPreprocessor):

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    output["name"] = "stdout"
        return cell, resources
