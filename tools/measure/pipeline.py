"""Figure 1 of ``make bench``: one training epoch of the CIFAR MLP (512-256) on 2,000 images,
fed three ways, timed side by side on one device:

- lecture: torchvision's CIFAR-10 dataset, ``Subset``, per-image ``ToTensor`` + ``Normalize``,
  ``DataLoader`` (what the lecture notes do);
- course: what 03_linear_vs_mlp and 06_dropout do: ``tensor_subset`` once per run (through
  ``load_subsets``; timed on its own line), then each epoch ``batch_loader(..., device=device)``
  over the in-memory tensors (on a GPU they were copied there once);
- floor: the same forward and backward passes on batches stacked beforehand, already on the device.

Each side is built once, like the notebooks' data sets (the lecture's dataset object too), and
an epoch is what it costs again every epoch; every batch goes through ``.to(device)`` as in the
notebooks' training loops. Its own module (no nbgrader import) so that
``tools/measure/gpu_check.py`` can run it on a GPU machine.
"""
import os
import platform
import time

import torch
from torch import nn

from course import data
from course.loaders import batch_loader


def machine():
    device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
    return f"{platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}, {device}"


def _mlp(device):
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(3072, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                         nn.Linear(256, 10)).to(device)


def _epoch(model, batches, device, read_loss=False):
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    for xb, yb in batches:
        xb, yb = xb.to(device), yb.to(device)
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        if read_loss:
            loss.item()  # as a training loop that records each batch's loss does: waits for the GPU
    if device.type == "cuda":
        torch.cuda.synchronize(device)  # the GPU's queue is part of the epoch


def _seconds(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(device="cpu", n=2000, batch_size=64, rounds=5, detail=False):
    """Best-of-``rounds`` seconds: ``{"lecture": s, "course": s, "floor": s, "subset": s}``
    (the last: making the course's subset and loader, once per run). With ``detail``, also the
    course path making its subset every epoch and the floor reading each batch's loss (as a
    training loop that records losses does, waiting for the GPU)."""
    from torch.utils.data import DataLoader, Subset
    from torchvision import transforms
    device = torch.device(device)
    train = data.cifar10(train=True)
    index = torch.randperm(len(train), generator=torch.Generator().manual_seed(0))[:n].tolist()
    lecture_set = type(train)(train.root, train=True, transform=transforms.Compose([
        transforms.ToTensor(), transforms.Normalize(data.CIFAR10_MEAN, data.CIFAR10_STD)]))
    lecture_loader = DataLoader(Subset(lecture_set, index), batch_size=batch_size, shuffle=True)

    def course_loader():
        return batch_loader(data.tensor_subset(train, n, seed=0), batch_size, shuffle=True, seed=0, device=device)
    loader = course_loader()
    floor_batches = [(xb.to(device), yb.to(device)) for xb, yb in loader]
    model = _mlp(device)
    _epoch(model, floor_batches, device)  # warm-up (and, on a GPU, kernel loading)
    paths = {"floor": lambda: _epoch(model, floor_batches, device),
             "course": lambda: _epoch(model, loader, device),
             "lecture": lambda: _epoch(model, lecture_loader, device),
             "subset": course_loader}
    if detail:
        paths.update({
            "course, subset made every epoch": lambda: _epoch(model, course_loader(), device),
            "floor, loss read per batch": lambda: _epoch(model, floor_batches, device, read_loss=True)})
    # Interleaved rounds, best of each: a burst of load elsewhere cannot favour one path.
    times = {name: [] for name in paths}
    for _ in range(rounds):
        for name, fn in paths.items():
            times[name].append(_seconds(fn))
    return {name: min(values) for name, values in times.items()}


def report(device="cpu", n=2000, label="1.", detail=False):
    t = measure(device, n=n, detail=detail)
    train = data.cifar10(train=True)
    print(f"{label} Data pipeline, one epoch of MLP 512-256 on {n} images on {torch.device(device).type} "
          f"({data.describe(train).split(':')[0]})")
    print(f"   lecture path {t['lecture']:.3f} s | course path {t['course']:.3f} s | compute floor {t['floor']:.3f} s"
          f" | (course's subset and loader, once per run: {t['subset']:.3f} s)")
    print(f"   lecture/course = {t['lecture'] / t['course']:.1f}x (target >= 5)   "
          f"course/floor = {t['course'] / t['floor']:.2f}x (target <= 1.3)")
    # No data path beats the floor, so lecture/floor bounds lecture/course on this machine.
    print(f"   best possible here: lecture/floor = {t['lecture'] / t['floor']:.1f}x "
          f"(the arithmetic of the model is {t['floor'] / t['lecture']:.0%} of the lecture path)")
    for name in [k for k in t if "," in k]:
        print(f"   {name}: {t[name]:.3f} s = {t[name] / t['floor']:.2f}x floor")
    return t
