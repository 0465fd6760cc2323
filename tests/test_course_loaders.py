import torch
from torch.utils.data import DataLoader, TensorDataset

from course import toy_data
from course.loaders import batch_loader
from course.probes import RngState


def test_batch_loader_matches_a_seeded_dataloader_and_keeps_the_global_rng():
    data = TensorDataset(torch.arange(23.0).view(-1, 1), torch.arange(23))
    rng = RngState()
    ours = [y for _, y in batch_loader(data, 5, shuffle=True, seed=4)]
    plain = [y for _, y in batch_loader(data, 5)]
    assert rng.changed() == []
    torch_ref = [y for _, y in DataLoader(data, 5, shuffle=True, generator=torch.Generator().manual_seed(4))]
    assert [len(y) for y in ours] == [5, 5, 5, 5, 3]
    assert all(torch.equal(a, b) for a, b in zip(ours, torch_ref))
    assert torch.equal(torch.cat(plain), torch.arange(23))
    loader = batch_loader(data, 5, shuffle=True)
    assert len(loader) == 5 and len(loader.dataset) == 23
    first, second = torch.cat([y for _, y in loader]), torch.cat([y for _, y in loader])
    assert sorted(first.tolist()) == sorted(second.tolist()) == list(range(23))
    assert not torch.equal(first, second)  # a new order every epoch, as with shuffle=True



def test_batches_of_tensors_on_a_gpu_are_the_batches_on_the_cpu(monkeypatch):
    # The GPU path (EpochIndexedBatches), forced on CPU tensors: same batches, epoch after epoch.
    from course import loaders
    data = TensorDataset(torch.arange(46.0).view(-1, 2), torch.arange(23))
    expected = [batch_loader(data, 5, shuffle=True, seed=4), batch_loader(data, 4), batch_loader(data)]
    monkeypatch.setattr(loaders, "_on_cpu", lambda dataset: False)
    rng = RngState()
    got = [batch_loader(data, 5, shuffle=True, seed=4), batch_loader(data, 4), batch_loader(data)]
    assert all(isinstance(loader, loaders.EpochIndexedBatches) for loader in got)
    for want, ours in zip(expected, got):
        assert len(ours) == len(want) and len(ours.dataset) == 23
        for _ in range(3):
            pairs = list(zip(want, ours))
            assert len(pairs) == len(want)
            assert all(torch.equal(a, b) for wb, ob in pairs for a, b in zip(wb, ob))
    assert rng.changed() == []


def test_batch_loader_without_a_batch_size_gives_one_batch():
    data = TensorDataset(torch.arange(7.0), torch.arange(7))
    (xb, yb), = list(batch_loader(data))
    assert torch.equal(yb, torch.arange(7))


def test_batch_loader_on_a_device_copies_the_tensors_once_and_gives_the_same_batches():
    data = TensorDataset(torch.arange(40.0), torch.arange(40))
    expected = [y for _, y in batch_loader(data, 6, shuffle=True, seed=2)]
    on_device = batch_loader(data, 6, shuffle=True, seed=2, device="cpu")
    assert on_device.dataset is not data, "the tensors are copied into a data set of their own"
    assert all(torch.equal(a, b) for a, b in zip([y for _, y in on_device], expected)) and len(on_device) == 7


def test_toy_data_loader_is_batch_loader_over_its_tensors():
    data = TensorDataset(torch.arange(40.0), torch.arange(40))
    expected = [y for _, y in batch_loader(data, 6, shuffle=True, seed=2)]
    ours = [y for _, y in toy_data.loader(data.tensors[0], data.tensors[1], 6, shuffle=True, seed=2)]
    assert all(torch.equal(a, b) for a, b in zip(ours, expected)) and len(ours) == 7
