"""``batch_loader``: the one ``DataLoader`` the course builds over in-memory tensors.

A plain ``DataLoader(dataset, batch_size, shuffle=True)`` over a ``TensorDataset`` fetches
every example separately and stacks them again, and it draws a seed from the *global* RNG at
the start of every epoch, even when it does not shuffle. ``batch_loader`` yields exactly the
batches of ``DataLoader(dataset, batch_size, shuffle, generator=torch.Generator().manual_seed(seed))``
but indexes the tensors once per batch (several times faster for small models) and never
touches the global RNG, so loading data does not change what a later ``torch.randn`` draws.
"""
import torch
from torch.utils.data import BatchSampler, DataLoader, RandomSampler, SequentialSampler


def batch_loader(dataset, batch_size=None, shuffle=False, seed=0):
    """Batches of ``dataset`` (a ``TensorDataset``); ``batch_size=None`` means one batch of everything."""
    size = len(dataset) if batch_size is None else int(batch_size)
    # One generator for both the worker seed the DataLoader draws and the shuffling, in that
    # order, as DataLoader(..., generator=g) does: that is what makes the batches identical.
    generator = torch.Generator().manual_seed(int(seed))
    order = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
    return DataLoader(dataset, sampler=BatchSampler(order, size, drop_last=False), batch_size=None,
                      generator=generator)
