"""Check the course on a CUDA GPU. Run on a machine that has one (``make test`` never needs one):

    COURSE_DATA=/tmp/course-data python -m tools.measure.gpu_check [--device cuda] [--budget 420]

1. The data pipeline figure (``tools/measure/pipeline.py``) on the GPU, and on that machine's CPU.
2. The course's training helpers on the GPU against the same runs on the CPU, from the same
   initial weights: ``cifar_experiments`` (``load_subsets``, ``train_with_curves``,
   ``predict_proba``), ``data.mnist_splits``, ``regularization.digit_mlp``, ``batch_loader``
   (over tensors on the CPU and over tensors that live on the GPU), and
   ``pick_device``. Histories must agree to float32 rounding.
3. Every source notebook (solutions and hidden tests), in grading mode and at full size: no
   errors, nothing on stderr in a graded cell, the device it trained on, wall time. Full-size
   runs stop being started once ``--budget`` seconds have passed.

Needs torch, torchvision, nbclient, ipykernel and mlxtend, not nbgrader. Exit status 1 when a
check fails, 2 when there is no such device.
"""
import argparse
import math
import time

import torch
from torch import nn

from course import cifar_experiments as cx
from course import data, regularization
from course.device import pick_device
from course.loaders import batch_loader
from tools.common.paths import REPO, assignments
from tools.measure import notebook_run, pipeline


def reference_training(aid="03_linear_vs_mlp"):
    """``(train_model, evaluate_model)`` as the course's reference solution writes them: the
    solution cells of the source notebook, run in a namespace of their own. The helpers are
    driven on both devices by the code students are graded against."""
    import nbformat
    nb = nbformat.read(REPO / "source" / aid / f"{aid}.ipynb", as_version=4)
    namespace = {"torch": torch, "nn": nn}
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in ("train_model", "evaluate_model"):
            exec(compile(cell.source, f"<{aid}: {grade_id}>", "exec"), namespace)
    return namespace["train_model"], namespace["evaluate_model"]


def _worst(got, want, key):
    """Largest difference: relative for losses; for accuracies absolute, since one image whose
    two top scores are within rounding of each other may flip (1/400 = 0.0025)."""
    if "acc" in key:
        return max(abs(x - y) for x, y in zip(got, want))
    return max(abs(x - y) / max(abs(y), 1e-12) for x, y in zip(got, want))


def _cifar_run(device):
    train_model, evaluate_model = reference_training()
    train_set, test_set = cx.load_subsets(400, 400, grading=True, verbose=False)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(3072, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                          nn.Linear(256, 10)).to(device)
    history = cx.train_with_curves(model, train_model, evaluate_model, batch_loader(train_set, 64, shuffle=True), nn.CrossEntropyLoss(),
                                   torch.optim.SGD(model.parameters(), lr=0.05), 3,
                                   test_loader=batch_loader(test_set, 200),
                                   train_eval_loader=batch_loader(train_set, 200),
                                   device=device)
    return history, cx.predict_proba(model, test_set.tensors[0][:100])


def _digits_run(device):
    train_set, _ = data.mnist_splits((500, 500), seed=0)
    model = regularization.digit_mlp(seed=0).to(device)
    train_model, _ = reference_training()
    return train_model(model, batch_loader(train_set, 50, shuffle=True), nn.CrossEntropyLoss(),
                       torch.optim.Adam(model.parameters(), lr=1e-3), 3, device)


def check_helpers(device):
    """Section 2. Returns the failures (strings)."""
    failures = []

    def compare(name, got, want):
        key = name.split()[-1]
        worst, allowed = _worst(got, want, key), (0.006 if "acc" in key else 1e-3)
        ok = worst <= allowed and len(got) == len(want) and all(math.isfinite(v) for v in got)
        print(f"   {name}: max difference {worst:.1e} (allowed {allowed:.0e}) {'ok' if ok else 'FAILED'}")
        if not ok:
            failures.append(f"{name}: {got} vs {want}")

    print(f"2. Course helpers on {device} against the CPU, same initial weights")
    picked = pick_device()
    print(f"   pick_device() -> {picked}")
    if picked.type != torch.device(device).type:
        failures.append(f"pick_device() chose {picked}, not {device}")
    (gpu_hist, gpu_proba), (cpu_hist, cpu_proba) = _cifar_run(device), _cifar_run("cpu")
    for key in cpu_hist:
        compare(f"cifar_experiments.train_with_curves {key}", gpu_hist[key], cpu_hist[key])
    gap = (gpu_proba - cpu_proba).abs().max().item()
    print(f"   cifar_experiments.predict_proba: max difference {gap:.1e} {'ok' if gap < 1e-3 else 'FAILED'}")
    if not gap < 1e-3:
        failures.append(f"predict_proba differs by {gap}")
    gpu_digits, cpu_digits = _digits_run(device), _digits_run("cpu")
    for key in cpu_digits:
        compare(f"regularization digits {key}", gpu_digits[key], cpu_digits[key])
    # batch_loader over tensors on the GPU: the same batches as over the same tensors on the CPU.
    train_set, _ = cx.load_subsets(300, 10, grading=True, verbose=False)
    on_gpu = torch.utils.data.TensorDataset(*(t.to(device) for t in train_set.tensors))
    gpu_batches, cpu_batches = list(batch_loader(on_gpu, 64, True, 3)), list(batch_loader(train_set, 64, True, 3))
    same = len(gpu_batches) == len(cpu_batches) and all(
        torch.equal(xg.cpu(), xc) and torch.equal(yg.cpu(), yc) and xg.device.type == torch.device(device).type
        for (xg, yg), (xc, yc) in zip(gpu_batches, cpu_batches))
    print(f"   batch_loader over tensors on {device}: same batches as on the CPU: {same}")
    if not same:
        failures.append("batch_loader batches differ on the GPU")
    return failures


def _device_used(printed):
    for line in printed.splitlines():
        if line.startswith("device:"):
            return line.split(":", 1)[1].strip()
    return "cpu (toy data; the notebook picks no device)"


def check_notebooks(budget, started, only_ids=None):
    """Section 3. Returns the failures (strings)."""
    print("3. Source notebooks (solutions and hidden tests) on this machine")
    failures = []
    ids = REPO / "source"
    order = sorted((aid for aid in assignments(ids) if not only_ids or aid in only_ids),
                   key=lambda aid: (aid not in ("03_linear_vs_mlp", "06_dropout"), aid))  # the GPU ones first
    import nbformat
    for aid in order:
        nb = nbformat.read(ids / aid / f"{aid}.ipynb", as_version=4)
        line = []
        for grading in (True, False):
            label = "grading mode" if grading else "full size"
            if not grading and time.monotonic() - started > budget:
                line.append(f"{label} skipped (budget)")
                continue
            executed, seconds = notebook_run.execute(nb, ids / aid, grading=grading, timeout=900)
            found = notebook_run.problems(executed)
            stderr = sum(out.output_type == "stream" and out.name == "stderr"
                         for cell in executed.cells if cell.cell_type == "code"
                         and not cell.metadata.get("nbgrader", {}).get("grade") for out in cell.outputs)
            line.append(f"{label} {seconds:.0f} s {'ok' if not found else 'FAILED'}"
                        + (f" ({stderr} stderr outputs in ungraded cells)" if stderr else ""))
            failures += [f"{aid} ({label}): {problem}" for problem in found]
            if grading:
                device_used = _device_used(notebook_run.printed(executed))
        print(f"   {aid}: " + " | ".join(line) + f" | trained on: {device_used}", flush=True)
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--budget", type=float, default=420, help="seconds after which no full-size run starts")
    parser.add_argument("--only", default="1,2,3")
    parser.add_argument("--assignments", help="comma-separated ids for section 3 (default: all)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if torch.device(args.device).type == "cuda" and not torch.cuda.is_available():
        print("no CUDA device here")
        return 2
    print(f"Machine: {pipeline.machine()}")
    folder, _ = data.ensure_synthetic_cifar10()
    print(f"Data: {folder} ({time.monotonic() - started:.0f} s)\n", flush=True)
    failures = []
    if "1" in args.only:
        pipeline.report(args.device, label="1a.", detail=True)
        pipeline.report("cpu", label="1b.")
    if "2" in args.only:
        failures += check_helpers(args.device)
    if "3" in args.only:
        failures += check_notebooks(args.budget, started, args.assignments and args.assignments.split(","))
    print(f"\n{len(failures)} failures ({time.monotonic() - started:.0f} s)")
    for failure in failures:
        print("  ", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
