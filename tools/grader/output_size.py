"""``LimitOutputSize`` (autograde): megabytes of prints must not bloat the gradebook's notebooks
or the feedback."""
from nbgrader.preprocessors import NbGraderPreprocessor


class LimitOutputSize(NbGraderPreprocessor):
    """Cuts each output's text to ``max_chars``."""

    max_chars = 20000

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and len(output.get("text", "")) > self.max_chars:
                text = output["text"]
                output["text"] = text[:self.max_chars] + f"\n... [{len(text) - self.max_chars} more characters cut]\n"
        return cell, resources
