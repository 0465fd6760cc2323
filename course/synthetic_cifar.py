"""A synthetic stand-in for CIFAR-10, written in the exact CIFAR-10 python format.

Used where the real data cannot be downloaded (CI, offline classrooms). The files are
what ``torchvision.datasets.CIFAR10`` expects: ``cifar-10-batches-py/`` with
``data_batch_1..5`` and ``test_batch`` (10,000 rows each of 3072 uint8: 1024 red, 1024 green,
1024 blue, row-major 32x32) and ``batches.meta``, pickled with protocol 2 and Python-2 byte
strings, as the original was. ``manifest.json`` records each file's MD5 so the loader can pin
torchvision's checksums to these files.

The images are learnable but not trivial: each class has a smooth colour prototype; an image
is its prototype shifted, rescaled in contrast and covered in structured and pixel noise.
A linear model gets part of the way, an MLP memorises the training set and generalises
worse, which is what the course needs to show.
"""
import hashlib
import json
import pickle
import struct
from pathlib import Path

import numpy as np

CLASSES = ("airplane", "automobile", "bird", "cat", "deer",
           "dog", "frog", "horse", "ship", "truck")
ROWS_PER_BATCH = 10_000
FOLDER = "cifar-10-batches-py"
# Bump when the generator changes, so cached copies of an older version are not reused.
VERSION = 1
SEED = 20261125


class _Python2Pickler(pickle._Pickler):
    """Protocol-2 pickler that writes ``bytes`` as Python-2 ``str`` (BINSTRING) and
    numpy's globals under their numpy-1 names, as the original CIFAR-10 files have them."""

    dispatch = dict(pickle._Pickler.dispatch)

    def save_bytes(self, obj):
        if len(obj) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(obj)]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(obj)) + obj)
        self.memoize(obj)

    dispatch[bytes] = save_bytes

    def save_global(self, obj, name=None):
        module = getattr(obj, "__module__", "")
        if module.startswith("numpy._core"):
            # Written by hand so the pickle names numpy.core, as numpy 1 did.
            name = name or obj.__qualname__
            self.write(pickle.GLOBAL + module.replace("numpy._core", "numpy.core").encode()
                       + b"\n" + name.encode() + b"\n")
            self.memoize(obj)
            return
        super().save_global(obj, name)

    dispatch[type(len)] = save_global


def _dump(obj, path):
    with open(path, "wb") as f:
        _Python2Pickler(f, protocol=2).dump(obj)


def _smooth_fields(rng, n, coarse=4, size=32):
    """n random 3-channel fields on a coarse grid, bilinearly upsampled to size x size."""
    grid = rng.standard_normal((n, 3, coarse, coarse)).astype(np.float32)
    positions = np.linspace(0, coarse - 1, size)
    lower = np.floor(positions).astype(int).clip(0, coarse - 2)
    frac = (positions - lower).astype(np.float32)
    interp = np.zeros((size, coarse), np.float32)
    interp[np.arange(size), lower] = 1 - frac
    interp[np.arange(size), lower + 1] = frac
    return np.einsum("ij,ncjk,lk->ncil", interp, grid, interp)


MODES_PER_CLASS = 4   # each class is a mixture of looks, as "cat" is in the real set
MAX_SHIFT = 6
SIGNAL, STRUCTURED_NOISE, PIXEL_NOISE = 0.55, 1.0, 0.5


def _images(rng, prototypes, labels):
    n = len(labels)
    modes = rng.integers(0, MODES_PER_CLASS, size=n)
    base = prototypes[labels * MODES_PER_CLASS + modes] * SIGNAL   # (n, 3, 32, 32)
    shifts = rng.integers(-MAX_SHIFT, MAX_SHIFT + 1, size=(n, 2))
    for dy in range(-MAX_SHIFT, MAX_SHIFT + 1):                     # roll per distinct shift
        for dx in range(-MAX_SHIFT, MAX_SHIFT + 1):
            rows = np.flatnonzero((shifts[:, 0] == dy) & (shifts[:, 1] == dx))
            if rows.size:
                base[rows] = np.roll(base[rows], (dy, dx), axis=(2, 3))
    contrast = rng.uniform(0.6, 1.4, size=(n, 1, 1, 1)).astype(np.float32)
    structured = _smooth_fields(rng, n, coarse=6) * STRUCTURED_NOISE
    pixel = rng.standard_normal(base.shape).astype(np.float32) * PIXEL_NOISE
    img = base * contrast + structured + pixel
    return np.clip(128 + 42 * img, 0, 255).astype(np.uint8).reshape(n, 3072)


def generate(root, seed=SEED, rows_per_batch=ROWS_PER_BATCH):
    """Write the synthetic data set under ``root/cifar-10-batches-py``; return its manifest."""
    folder = Path(root) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    prototypes = _smooth_fields(rng, len(CLASSES) * MODES_PER_CLASS, coarse=4)
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    for i, name in enumerate(names):
        labels = rng.integers(0, len(CLASSES), size=rows_per_batch)
        title = "testing batch 1 of 1" if name == "test_batch" else f"training batch {i + 1} of 5"
        _dump({
            b"batch_label": title.encode(),
            b"labels": [int(v) for v in labels],
            b"data": _images(rng, prototypes, labels),
            b"filenames": [f"synthetic_{CLASSES[c]}_{i}_{j:05d}.png".encode()
                           for j, c in enumerate(labels)],
        }, folder / name)
    _dump({b"num_cases_per_batch": rows_per_batch,
           b"label_names": [c.encode() for c in CLASSES],
           b"num_vis": 3072}, folder / "batches.meta")
    manifest = {name: _md5(folder / name) for name in names + ["batches.meta"]}
    manifest["synthetic"] = True
    # Written last: its presence means the set is complete.
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def _md5(path):
    return hashlib.md5(Path(path).read_bytes()).hexdigest()
