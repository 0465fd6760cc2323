import random

import numpy as np
import pytest
import torch
from torch import nn

from course import probes


def _setup():
    torch.manual_seed(0)
    log = probes.EventLog()
    model = probes.ProbeModel(nn.Linear(3, 1), log)
    x, y = torch.randn(10, 3), torch.randn(10, 1)
    loader = probes.ScriptedLoader(probes.make_batches(x, y, [4, 4, 2]))
    return log, model, loader



def test_spy_loss_tells_whether_it_got_the_model_output_as_is():
    log, model, loader = _setup()
    loss_fn = probes.SpyLoss(nn.MSELoss(), log, model=model)
    xb, yb = next(iter(loader))
    loss_fn(model(xb), yb)                              # as is
    loss_fn(model(xb).squeeze(1), yb.squeeze(1))       # squeezed: another object
    loss_fn(model(xb).detach(), yb)                     # detached copy
    with pytest.warns(UserWarning, match="target size"):
        loss_fn(model(xb), yb.squeeze(1))               # target of another shape (broadcasts)
    loss_fn(torch.zeros(4, 1), yb)                      # not the model's output at all
    assert [d["as_is"] for d in log.of("loss")] == [True, False, False, False, False]
    assert probes.clone_model(model) is not model  # the probe stays deep-copyable after a forward pass


def test_probes_log_a_training_epoch_in_order():
    log, model, loader = _setup()
    opt = probes.SpySGD(model.parameters(), log, lr=0.1)
    loss_fn = probes.SpyLoss(nn.MSELoss(), log)
    model.train()
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        model(torch.zeros(2, 3))
    names = log.names()
    assert names[:5] == ["train", "zero_grad", "forward", "loss", "step"]
    assert names[-2:] == ["eval", "forward"]
    assert loader.epochs == 1 and len(loader) == 3
    forwards = log.of("forward")
    assert [f["n"] for f in forwards] == [4, 4, 2, 2]
    assert forwards[0]["training"] and forwards[0]["grad_enabled"]
    assert not forwards[-1]["training"] and not forwards[-1]["grad_enabled"]
    assert all(g is not None for g in log.of("step")[0]["grads"])


def test_scripted_loader_cannot_be_altered_by_the_caller():
    _, _, loader = _setup()
    for xb, _ in loader:
        xb.zero_()
    assert float(next(iter(loader))[0].abs().sum()) > 0
    assert len(loader.dataset) == 10


def test_probe_model_shares_parameters_and_state_dict_roundtrips():
    log, model, _ = _setup()
    assert list(model.parameters()) == list(model.inner.parameters())
    state = {k: v.clone() for k, v in model.state_dict().items()}
    with torch.no_grad():
        for p in model.parameters():
            p.add_(1)
    model.load_state_dict(state)
    assert torch.equal(model.inner.weight, state["inner.weight"])


def test_rng_state_detects_each_generator():
    state = probes.RngState()
    assert state.changed() == []
    torch.rand(1)
    np.random.rand()
    random.random()
    assert probes.RngState.__init__ and state.changed() == ["torch", "numpy", "random"]
