"""The measuring tools of ``make bench`` and ``make gpu-check``, run small on this machine."""
import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from tools.measure import gpu_check, notebook_run, pipeline


def test_pipeline_paths_are_all_timed(synthetic_data):
    times = pipeline.measure("cpu", n=256, rounds=1, detail=True)
    assert set(times) == {"lecture", "course", "floor", "subset", "course, subset made every epoch",
                          "floor, loss read per batch"}
    assert all(t > 0 for t in times.values())


def test_gpu_check_refuses_without_the_device(monkeypatch, capsys):
    monkeypatch.setattr(gpu_check.torch.cuda, "is_available", lambda: False)
    assert gpu_check.main(["--device", "cuda"]) == 2
    assert "no CUDA device" in capsys.readouterr().out


def test_gpu_check_helpers_pass_on_the_cpu(synthetic_data):
    assert gpu_check.check_helpers("cpu") == []


def test_gpu_check_helpers_fail_when_the_device_run_differs(synthetic_data, monkeypatch):
    # The comparison must be able to fire: the first ("device") digits run drifts by 1%.
    real, calls = gpu_check._digits_run, []

    def drifted(device):
        history = real(device)
        calls.append(device)
        if len(calls) == 1:
            history["train_loss"] = [v * 1.01 for v in history["train_loss"]]
        return history
    monkeypatch.setattr(gpu_check, "_digits_run", drifted)
    failures = gpu_check.check_helpers("cpu")
    assert len(failures) == 1 and failures[0].startswith("regularization digits train_loss")


def test_problems_flags_errors_and_stderr_in_graded_cells():
    graded = new_code_cell("assert True", metadata={"nbgrader": {"grade": True, "grade_id": "test_f", "points": 1}})
    graded.outputs = [new_output("stream", name="stderr", text="UserWarning: careful\n")]
    plain = new_code_cell("x = 1")
    plain.outputs = [new_output("stream", name="stderr", text="progress bar\n")]
    broken = new_code_cell("1/0", metadata={"nbgrader": {"grade_id": "f"}})
    broken.outputs = [new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])]
    nb = nbformat.from_dict(new_notebook(cells=[graded, plain, broken]))
    found = notebook_run.problems(nb)
    assert found == ["test_f wrote to stderr: UserWarning: careful\n", "f: ZeroDivisionError: division by zero"]
