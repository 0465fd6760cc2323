"""tools/grader/answers.py: value answers read from the kernel's namespace by value."""
import IPython.display
import torch

from tools.grader import answers
from tools.hidden_tests.harness import NotAvailable


def _read(namespace, names, monkeypatch):
    """Run the reading code as the kernel would, return what read_outputs makes of its display."""
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda data, raw=False: shown.append(data))
    exec(answers.reading_code(names), namespace)
    outputs = [{"output_type": "display_data", "data": data} for data in shown]
    return answers.read_outputs(outputs, names)


def test_values_cross_by_value_and_the_encoder_is_defined_once(monkeypatch):
    namespace = {"b3": 4.0, "grad": torch.tensor([1.0, -2.0])}
    first = _read(namespace, ["b3", "grad", "absent"], monkeypatch)
    assert first["b3"] == 4.0
    assert torch.equal(first["grad"], torch.tensor([1.0, -2.0]))
    assert isinstance(first["absent"], NotAvailable) and "not defined" in str(first["absent"])
    encoder = namespace["_course_wire"]
    namespace["b3"] = 5.0
    assert _read(namespace, ["b3"], monkeypatch)["b3"] == 5.0
    assert namespace["_course_wire"] is encoder                 # not defined again
    assert "_course_read_answers" not in namespace


def test_a_namespace_reset_by_the_student_still_reads(monkeypatch):
    namespace = {"b3": 1.5}
    _read(namespace, ["b3"], monkeypatch)
    del namespace["_course_wire"]                               # as %reset would
    assert _read(namespace, ["b3"], monkeypatch)["b3"] == 1.5


def test_no_reading_says_so():
    result = answers.read_outputs([], ["b3"])
    assert isinstance(result["b3"], NotAvailable) and "could not be read" in str(result["b3"])
