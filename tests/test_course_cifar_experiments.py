import matplotlib
import pytest
import torch
from torch import nn
from torch.utils.data import TensorDataset

from course import cifar_experiments as cx

matplotlib.use("Agg")


def test_subset_sizes_shrink_in_grading_mode(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert cx.subset_sizes() == (2000, 2000)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert cx.subset_sizes() == cx.GRADING_SIZE
    assert cx.subset_sizes(grading=False) == (2000, 2000)


def test_load_subsets_gives_tensors_and_says_what_the_data_is(synthetic_data, capsys, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    state = torch.get_rng_state()
    train, test = cx.load_subsets(n_train=50, n_test=30)
    assert torch.equal(state, torch.get_rng_state()), "the global RNG must be left alone"
    images, labels = train.tensors
    assert images.shape == (50, 3, 32, 32) and images.dtype == torch.float32
    assert labels.shape == (50,) and labels.dtype == torch.int64 and 0 <= labels.min() and labels.max() <= 9
    assert len(test) == 30
    printed = capsys.readouterr().out
    assert "CIFAR-10" in printed and "50 training images and 30 held-out test images" in printed
    again, _ = cx.load_subsets(n_train=50, n_test=30, verbose=False)
    assert torch.equal(again.tensors[0], images), "the same seed gives the same subset"


def test_load_subsets_defaults_to_the_grading_size(synthetic_data, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    train, test = cx.load_subsets(verbose=False)
    assert (len(train), len(test)) == cx.GRADING_SIZE


def test_load_splits_holds_out_validation_images_that_are_not_training_images(synthetic_data, capsys, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    train, val, test = cx.load_splits(n_train=60, n_val=40, n_test=30)
    assert (len(train), len(val), len(test)) == (60, 40, 30)
    assert "60 training images, 40 validation images" in capsys.readouterr().out
    pixels = {tuple(image.flatten()[:64].tolist()) for image in train.tensors[0]}
    assert not any(tuple(image.flatten()[:64].tolist()) in pixels for image in val.tensors[0]), \
        "a validation image is also a training image"
    same_train, _ = cx.load_subsets(n_train=60, n_test=30, verbose=False)
    assert torch.equal(same_train.tensors[0], train.tensors[0]), "the training set is load_subsets' own"
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert len(cx.load_splits(verbose=False)[1]) == cx.GRADING_VAL_SIZE


def test_one_per_class_picks_the_first_example_of_each_class():
    labels = torch.tensor([2, 0, 1, 0, 2, 1])
    images = torch.arange(6.0).view(6, 1, 1, 1).expand(6, 3, 2, 2)
    picked, picked_labels = cx.one_per_class(TensorDataset(images, labels), num_classes=3)
    assert picked_labels.tolist() == [0, 1, 2]
    assert picked[:, 0, 0, 0].tolist() == [1.0, 2.0, 0.0]


def test_train_with_curves_calls_the_given_loops_once_per_epoch():
    calls = []

    def train_fn(model, loader, loss_fn, optimizer, num_epochs, device):
        calls.append(("train", num_epochs, device))
        return {"train_loss": [1.0 / len(calls)], "train_acc": [0.1 * len(calls)]}

    def evaluate_fn(model, loader, device):
        calls.append(("eval", loader))
        return 0.5 if loader == "test" else 0.9

    history = cx.train_with_curves(nn.Linear(2, 2), train_fn, evaluate_fn, "train", None, None, 3,
                                   test_loader="test", train_eval_loader="train-eval", device="cpu", title="t",
                                   val_loader="val")
    assert [c[0] for c in calls] == ["train", "eval", "eval", "eval"] * 3
    assert [c[1] for c in calls[1:4]] == ["train-eval", "val", "test"]
    assert all(c[1:] == (1, "cpu") for c in calls if c[0] == "train")
    assert history["train_loss"] == [1.0, 1.0 / 5, 1.0 / 9]
    assert history["test_acc"] == [0.5] * 3 and history["train_acc_eval"] == [0.9] * 3
    assert history["val_acc"] == [0.9] * 3
    assert len(history["train_acc"]) == 3


def test_predict_proba_restores_the_mode_and_sums_to_one():
    model = nn.Sequential(nn.Flatten(), nn.Linear(12, 4), nn.Dropout(0.5))
    model.train()
    probs = cx.predict_proba(model, torch.randn(7, 3, 2, 2), batch_size=3)
    assert probs.shape == (7, 4) and not probs.requires_grad
    assert torch.allclose(probs.sum(1), torch.ones(7))
    assert model.training, "the caller's train mode is restored"
    again = cx.predict_proba(model, torch.randn(7, 3, 2, 2))
    assert again.shape == (7, 4)


def test_figures_and_browser_build_without_a_notebook(capsys):
    images = torch.randn(5, 3, 32, 32)
    labels = torch.tensor([0, 1, 2, 3, 4])
    model = nn.Sequential(nn.Flatten(), nn.Linear(3072, 10))
    cx.plot_prediction(images[0], labels[0], {"m": torch.softmax(torch.randn(10), 0)})
    cx.plot_gap({"a": {"train_acc": [0.2, 0.9], "test_acc": [0.2, 0.3]},
                 "b": {"train_acc": [0.1, 0.5], "test_acc": [0.1, 0.4]}})
    pytest.importorskip("ipywidgets")
    box = cx.prediction_browser({"set": TensorDataset(images, labels)}, {"m": model})
    assert type(box).__name__ == "VBox"
    matplotlib.pyplot.close("all")


def test_the_progress_bar_shows_only_what_the_panels_show(monkeypatch):
    shown = []

    class Bar(list):
        def set_postfix(self, values):
            shown.append(set(values))
    monkeypatch.setattr(cx, "progress", lambda iterable, **kwargs: Bar(iterable))
    history = cx.train_with_curves(nn.Linear(2, 2), lambda *a: {"train_loss": [1.0], "train_acc": [0.5]},
                                   lambda *a: 0.3, "train", None, None, 2, test_loader="test",
                                   panels={"loss": ["train_loss"], "accuracy": ["train_acc"]})
    assert shown == [{"train_loss", "train_acc"}] * 2          # no test accuracy before the guess
    assert history["test_acc"] == [0.3, 0.3]                   # still recorded
