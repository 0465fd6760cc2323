"""Choose where tensors live: an NVIDIA GPU, an Apple GPU, or the CPU."""
import torch


def pick_device(prefer=None):
    """Return a ``torch.device``.

    ``prefer`` ("cuda", "mps" or "cpu") wins when that device is available; otherwise the
    fastest available one is chosen, in the order cuda, mps, cpu.
    """
    available = ["cpu"]
    if torch.backends.mps.is_available():
        available.insert(0, "mps")
    if torch.cuda.is_available():
        available.insert(0, "cuda")
    if prefer is not None and prefer in available:
        return torch.device(prefer)
    return torch.device(available[0])
