"""``LimitOutputSize`` (autograde): megabytes of prints or pictures must not bloat the
gradebook's notebooks or the feedback. (Past a budget, ``GradingExecute`` already dropped
output as it arrived; this trims what was kept.)"""
from nbgrader.preprocessors import NbGraderPreprocessor


class LimitOutputSize(NbGraderPreprocessor):
    """Cuts each stream's text to ``max_chars``, and replaces rich display data (HTML, images,
    JSON) bigger than ``max_data_chars`` by a note saying so."""

    max_chars = 20000
    max_data_chars = 2 * 2**20

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and len(output.get("text", "")) > self.max_chars:
                text = output["text"]
                output["text"] = text[:self.max_chars] + f"\n... [{len(text) - self.max_chars} more characters cut]\n"
            data = output.get("data", {})
            size = sum(len(v) if isinstance(v, str) else len(str(v)) for v in data.values())
            if size > self.max_data_chars:
                output["data"] = {"text/plain": f"[display output of {size // 2**20} MB removed: over the "
                                                f"{self.max_data_chars // 2**20} MB limit]"}
                output.get("metadata", {}).clear()
        return cell, resources
