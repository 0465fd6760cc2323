"""``batch_loader``: the one ``DataLoader`` the course builds over in-memory tensors.

A plain ``DataLoader(dataset, batch_size, shuffle=True)`` over a ``TensorDataset`` fetches
every example separately and stacks them again, and it draws a seed from the *global* RNG at
the start of every epoch, even when it does not shuffle. ``batch_loader`` yields exactly the
batches of ``DataLoader(dataset, batch_size, shuffle, generator=torch.Generator().manual_seed(seed))``
but indexes the tensors once per batch (several times faster for small models) and never
touches the global RNG, so loading data does not change what a later ``torch.randn`` draws.

With ``device`` the tensors are copied there once, so on a GPU each batch is already where
the model is instead of being copied there batch by batch; the batches are the same.
Over tensors that live on a GPU, indexing with a list of positions copies that list to the
GPU, once per tensor and batch, and waits for it; there the DataLoader only chooses the
batches, and each epoch's positions go to the GPU in one copy (``EpochIndexedBatches``).
"""
import torch
from torch.utils.data import BatchSampler, DataLoader, RandomSampler, SequentialSampler, TensorDataset


def batch_loader(dataset, batch_size=None, shuffle=False, seed=0, device=None):
    """Batches of ``dataset`` (a ``TensorDataset``); ``batch_size=None`` means one batch of everything.
    With ``device``, the batches of a copy of the tensors on that device."""
    if device is not None:
        dataset = TensorDataset(*(t.to(device) for t in dataset.tensors))
    size = len(dataset) if batch_size is None else int(batch_size)
    # One generator for both the worker seed the DataLoader draws and the shuffling, in that
    # order, as DataLoader(..., generator=g) does: that is what makes the batches identical.
    generator = torch.Generator().manual_seed(int(seed))
    order = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
    on_cpu = _on_cpu(dataset)
    loader = DataLoader(dataset if on_cpu else _Positions(len(dataset)), sampler=BatchSampler(order, size, drop_last=False),
                        batch_size=None, generator=generator)
    return loader if on_cpu else EpochIndexedBatches(dataset, loader)


def _on_cpu(dataset):
    return all(t.device.type == "cpu" for t in dataset.tensors)


class _Positions:
    """A stand-in data set whose batch at some positions is those positions."""

    def __init__(self, length):
        self.length = length

    def __len__(self):
        return self.length

    def __getitem__(self, positions):
        return positions


class EpochIndexedBatches:
    """The batches of ``batch_loader`` over tensors on a GPU: ``positions`` (a DataLoader over
    ``_Positions`` with the same sampler and generator) chooses them, so they are the
    batches the CPU gets, random draws included; each epoch's positions are copied to the
    device once and sliced there."""

    def __init__(self, dataset, positions):
        self.dataset, self.positions = dataset, positions

    def __len__(self):
        return len(self.positions)

    def __iter__(self):
        batches = list(self.positions)
        tensors = self.dataset.tensors
        order = torch.tensor([i for batch in batches for i in batch], device=tensors[0].device)
        start = 0
        for batch in batches:
            index = order[start:start + len(batch)]
            start += len(batch)
            yield [t[index] for t in tensors]
