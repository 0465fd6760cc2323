"""CIFAR-10 experiments shared by the classifier notebooks (03_linear_vs_mlp, 06_dropout).

- ``load_subsets``: the small training subset and a held-out test subset as in-memory
  tensors (2,000 images each, the lectures' scale; far fewer in grading mode), and a line
  saying whether the images are real or synthetic; ``load_splits``: the same with a
  validation subset, for decisions that must not look at the test set.
- ``one_per_class`` / ``show_one_per_class``: a grid with one example of each class.
- ``train_with_curves``: trains a model one epoch at a time with *your* ``train_model`` and
  ``evaluate_model`` (passed in), drawing loss and accuracy curves that grow as it goes and a
  progress bar (both silent in grading mode). Returns the history.
- ``predict_proba``, ``prediction_browser``: class probabilities of several models, and a
  widget to page through images with each model's prediction.

Nothing here trains a model by itself: the training and evaluation loops are the ones the
notebooks ask you to write.
"""
import matplotlib.pyplot as plt
import torch

from course import data
from course.live import LiveCurves, progress
from course.notebook import grading_mode
from course.plotting import show_images

CLASSES = data.CLASSES
FULL_SIZE = (2000, 2000)       # training images, test images: the lectures' scale
GRADING_SIZE = (400, 400)      # while nbgrader runs the notebook
VAL_SIZE, GRADING_VAL_SIZE = 1000, 200    # validation images, from the training split


def subset_sizes(full=FULL_SIZE, small=GRADING_SIZE, grading=None):
    """``small`` in grading mode, else ``full``."""
    grading = grading_mode() if grading is None else grading
    return tuple(small) if grading else tuple(full)


def load_subsets(n_train=None, n_test=None, seed=0, grading=None, verbose=True):
    """``(train_set, test_set)``: random CIFAR-10 subsets as in-memory ``TensorDataset``s.

    Images are float32 (n, 3, 32, 32), standardised per channel; labels int64. The training
    images come from CIFAR-10's training split and the test images from its test split, so
    no image is in both. Sizes default to 2,000 + 2,000 (400 + 400 in grading mode). With
    ``verbose`` prints what the data is (real or synthetic). The global RNG is untouched.
    """
    train_set, _, test_set = load_splits(n_train, 0, n_test, seed=seed, grading=grading, verbose=verbose)
    return train_set, test_set


def load_splits(n_train=None, n_val=None, n_test=None, seed=0, grading=None, verbose=True):
    """``(train_set, val_set, test_set)``: as ``load_subsets``, with a validation set for the
    decisions (curves, the best epoch, the choice of a hyperparameter), so that the test set
    is needed only once, at the end.

    The validation images come from CIFAR-10's training split too, but never one of the
    training images: both are consecutive stretches of one random order of that split. Its
    size defaults to 1,000 (200 in grading mode); the training set is the very one
    ``load_subsets`` gives for the same seed and size.
    """
    default_train, default_test = subset_sizes(grading=grading)
    default_val = subset_sizes((VAL_SIZE,), (GRADING_VAL_SIZE,), grading=grading)[0]
    n_train = default_train if n_train is None else n_train
    n_val = default_val if n_val is None else n_val
    n_test = default_test if n_test is None else n_test
    full_train, full_test = data.cifar10(train=True), data.cifar10(train=False)
    train_set = data.tensor_subset(full_train, n_train, seed=seed)
    val_set = data.tensor_subset(full_train, n_val, seed=seed, skip=n_train)
    test_set = data.tensor_subset(full_test, n_test, seed=seed + 1)
    if verbose:
        print(data.describe(full_train))
        validation = f", {len(val_set)} validation images (other images of the training split)" if n_val else ""
        print(f"Using {len(train_set)} training images{validation} and {len(test_set)} held-out test images.")
        if data.is_synthetic(full_train):
            print("NOTE: these are SYNTHETIC images. The numbers you get here are close to, "
                  "but not the same as, the real CIFAR-10's.")
    return train_set, val_set, test_set


def one_per_class(dataset, num_classes=10):
    """``(images, labels)``: the first image of each class in ``dataset``, ordered by class."""
    images, labels = dataset.tensors
    picked = []
    for c in range(num_classes):
        where = (labels == c).nonzero()
        if len(where):
            picked.append(int(where[0]))
    index = torch.tensor(picked, dtype=torch.long)
    return images[index], labels[index]


def show_one_per_class(dataset, class_names=CLASSES, size=1.6):
    """One image of each class, labelled (images are un-normalised for display)."""
    images, labels = one_per_class(dataset, len(class_names))
    return show_images(data.unnormalize(images), labels, class_names, ncols=5, size=size)


def train_with_curves(model, train_fn, evaluate_fn, train_loader, loss_fn, optimizer, num_epochs,
                      test_loader=None, train_eval_loader=None, device="cpu", title="", panels=None,
                      val_loader=None):
    """Train ``model`` for ``num_epochs`` with curves that redraw after each epoch.

    Each epoch calls ``train_fn(model, train_loader, loss_fn, optimizer, 1, device)`` (the
    ``train_model`` of assignment 3: it returns ``{"train_loss": [...], "train_acc": [...]}``),
    then ``evaluate_fn(model, loader, device)`` on each loader given: ``train_eval_loader``
    (the training images evaluated like new ones: eval mode, after the epoch), ``val_loader``
    and ``test_loader``. Returns the history: lists ``train_loss``, ``train_acc`` and, when
    measured, ``train_acc_eval``, ``val_acc`` and ``test_acc``, one value per epoch.

    ``panels`` chooses what the live figure and the progress bar show (a dict: y-label ->
    keys), so a notebook can keep the test accuracy out of sight until it asks for a guess;
    everything measured is recorded in the history either way.
    """
    evaluated = {key: loader for key, loader in (("train_acc_eval", train_eval_loader), ("val_acc", val_loader),
                                                 ("test_acc", test_loader)) if loader is not None}
    # Redrawn at most every 1.5 s, so that short epochs are not slowed down by their own curves.
    panels = panels or {"loss": ["train_loss"], "accuracy": ["train_acc", *evaluated]}
    shown = {key for keys in panels.values() for key in keys}     # the progress bar shows no more
    curves = LiveCurves(panels, title=title, first_epoch=1, min_interval=1.5)
    bar = progress(range(num_epochs), desc=title or "training", unit="epoch")
    for _ in bar:
        epoch = train_fn(model, train_loader, loss_fn, optimizer, 1, device)
        values = {"train_loss": float(epoch["train_loss"][-1]), "train_acc": float(epoch["train_acc"][-1])}
        for key, loader in evaluated.items():
            values[key] = float(evaluate_fn(model, loader, device))
        curves.update(**values)
        if hasattr(bar, "set_postfix"):
            bar.set_postfix({k: f"{v:.3f}" for k, v in values.items() if k in shown})
    curves.close()
    return {k: list(v) for k, v in curves.history.items()}


@torch.no_grad()
def predict_proba(model, images, batch_size=500):
    """Softmax probabilities (n, classes) of ``model`` on ``images``, computed in eval mode;
    the model's train/eval mode is restored afterwards."""
    was_training = model.training
    model.eval()
    try:
        device = next(model.parameters()).device
        parts = [torch.softmax(model(images[i:i + batch_size].to(device)), dim=1).cpu()
                 for i in range(0, len(images), batch_size)]
    finally:
        model.train(was_training)
    return torch.cat(parts) if parts else torch.zeros(0, 0)


def plot_prediction(image, label, probabilities, class_names=CLASSES, title=""):
    """The image with its true label, and one bar chart of class probabilities per model.

    ``probabilities`` maps a model name to a 1-D tensor of class probabilities."""
    n = len(probabilities)
    fig, axes = plt.subplots(1, n + 1, figsize=(2.6 + 3.2 * n, 2.8),
                             gridspec_kw={"width_ratios": [0.8] + [1] * n})
    axes[0].imshow(data.unnormalize(image.detach().cpu().unsqueeze(0))[0].permute(1, 2, 0).numpy())
    axes[0].set_title(f"true: {class_names[int(label)]}" + (f"\n{title}" if title else ""), fontsize=9)
    axes[0].axis("off")
    ticks = range(len(class_names))
    for ax, (name, probs) in zip(axes[1:], probabilities.items()):
        guess = int(probs.argmax())
        colors = ["tab:green" if c == int(label) else ("tab:red" if c == guess else "tab:gray") for c in ticks]
        ax.barh(list(ticks), probs.tolist(), color=colors)
        ax.set_yticks(list(ticks))
        ax.set_yticklabels(class_names, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        verdict = "right" if guess == int(label) else "wrong"
        ax.set_title(f"{name}: {class_names[guess]} ({float(probs[guess]):.0%}), {verdict}", fontsize=9)
    fig.tight_layout()
    return axes


def prediction_browser(image_sets, models, class_names=CLASSES):
    """A widget to page through images with each model's class probabilities.

    ``image_sets`` maps a name to a ``TensorDataset`` (images, labels); ``models`` maps a
    name to a model. Probabilities are computed once up front, so moving the slider is cheap.
    """
    import ipywidgets as widgets
    from IPython.display import display

    cache = {}
    for set_name, dataset in image_sets.items():
        images, labels = dataset.tensors
        cache[set_name] = (images, labels, {m: predict_proba(model, images) for m, model in models.items()})

    choose = widgets.Dropdown(options=list(image_sets), description="images")
    index = widgets.IntSlider(min=0, max=max(len(d.tensors[1]) for d in image_sets.values()) - 1,
                              description="index", continuous_update=False)
    out = widgets.Output()

    def redraw(*_):
        images, labels, probs = cache[choose.value]
        index.max = len(labels) - 1
        i = min(index.value, len(labels) - 1)
        with out:
            out.clear_output(wait=True)
            plot_prediction(images[i], labels[i], {m: p[i] for m, p in probs.items()}, class_names,
                            title=f"{choose.value} #{i}")
            plt.show()

    choose.observe(redraw, names="value")
    index.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox([choose, index]), out])
    display(box)
    return box


def plot_gap(histories, train_key="train_acc", test_key="test_acc", size=(4.2, 3.2)):
    """One panel per run (``histories`` maps a name to a history): training and test accuracy
    per epoch, with the generalization gap between them shaded."""
    n = len(histories)
    fig, axes = plt.subplots(1, n, figsize=(size[0] * n, size[1]), squeeze=False, sharey=True)
    for ax, (name, history) in zip(axes[0], histories.items()):
        train, test = history[train_key], history[test_key]
        epochs = range(1, len(train) + 1)
        ax.plot(epochs, train, label=train_key.replace("_", " "))
        ax.plot(epochs, test, label=test_key.replace("_", " "))
        ax.fill_between(epochs, test, train, color="tab:red", alpha=0.12, label="gap")
        ax.set_title(f"{name}: gap {train[-1] - test[-1]:+.0%} at the end", fontsize=10)
        ax.set_xlabel("epoch")
        ax.set_ylim(0, 1.02)
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("accuracy")
    axes[0][0].legend(fontsize=8)
    fig.tight_layout()
    return axes[0]
