import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from course import live  # noqa: E402


@pytest.fixture
def shown(monkeypatch):
    """What the live figure sends to the notebook: ("display", fig) once, then ("update", fig)."""
    sent = []

    class Handle:
        def update(self, fig):
            sent.append(("update", fig))

    def fake_display(fig, display_id=False):
        sent.append(("display", fig))
        return Handle()

    import IPython.display
    monkeypatch.setattr(IPython.display, "display", fake_display)
    yield sent
    plt.close("all")


@pytest.fixture
def clock(monkeypatch):
    """A clock that stands still unless a test moves it; time.sleep records instead of sleeping."""
    state = {"now": 100.0, "slept": []}
    monkeypatch.setattr(live.time, "monotonic", lambda: state["now"])
    monkeypatch.setattr(live.time, "sleep", state["slept"].append)
    return state


def test_live_figure_is_silent_when_disabled_and_shows_the_final_state():
    figure = live.LiveFigure(ncols=2, enabled=False)
    painted = []
    assert figure.update(lambda axes: painted.append(len(axes))) is False
    figure.flush(lambda axes: painted.append(len(axes)))
    assert painted == [] and figure.frames == 0 and figure.updates == 1
    axes = figure.show(lambda axes: painted.append(len(axes)))
    assert painted == [2] and len(axes) == 2
    plt.close("all")


def test_live_figure_and_progress_are_silent_in_grading_mode(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setattr(live, "_in_notebook", lambda: True)
    assert live.LiveFigure().enabled is False and live.LiveCurves(["loss"]).enabled is False
    assert progress_disabled()
    monkeypatch.delenv("NBGRADER_EXECUTION")
    assert live.LiveFigure().enabled is True and not progress_disabled()


def progress_disabled():
    bar = live.progress(range(3))
    try:
        return bar.disable
    finally:
        bar.close()


def test_live_figure_redraws_in_place_on_cleared_axes(shown, clock):
    figure = live.LiveFigure(ncols=1, enabled=True)
    for value in range(3):
        assert figure.update(lambda axes: axes[0].plot([0, value])) is True
    assert [kind for kind, _ in shown] == ["display", "update", "update"] and figure.frames == 3
    assert len(figure.axes[0].get_lines()) == 1, "axes are cleared before each frame"
    assert clock["slept"] == [], "no pause unless asked for"
    figure.show(lambda axes: axes[0].plot([1, 2]))
    assert shown[-1][0] == "update"


def test_live_figure_redraws_every_nth_update_and_flushes_the_rest(shown, clock):
    figure = live.LiveFigure(every=3, enabled=True)
    drawn = [figure.update(lambda axes: None) for _ in range(7)]
    assert drawn == [False, False, True, False, False, True, False]
    figure.flush(lambda axes: None)
    assert figure.frames == 3, "the seventh update is drawn by flush"
    figure.flush(lambda axes: None)
    assert figure.frames == 3, "nothing left to flush"


def test_live_figure_waits_min_interval_between_redraws(shown, clock):
    figure = live.LiveFigure(min_interval=1.5, enabled=True)
    assert figure.update(lambda axes: None) is True
    clock["now"] += 1.0
    assert figure.update(lambda axes: None) is False
    clock["now"] += 0.5
    assert figure.update(lambda axes: None) is True
    assert figure.frames == 2


def test_live_figure_pauses_after_each_live_redraw(shown, clock):
    figure = live.LiveFigure(pause=0.6, enabled=True)
    figure.update(lambda axes: None)
    figure.update(lambda axes: None)
    figure.show(lambda axes: None)
    assert clock["slept"] == [0.6, 0.6]


def test_live_curves_record_history_silently_outside_notebooks():
    curves = live.LiveCurves(["train_loss"])
    for v in (3, 2, 1):
        curves.update(train_loss=v, val_loss=v + 1)
    assert curves.close() == {"train_loss": [3.0, 2.0, 1.0], "val_loss": [4.0, 3.0, 2.0]}
    assert not curves.enabled and curves.figure.fig is None
    assert list(live.progress(range(3))) == [0, 1, 2]


def test_live_curves_draw_one_panel_per_quantity_with_their_options():
    curves = live.LiveCurves({"loss": ["train_loss"], "accuracy": ["train_acc", "test_acc"]}, title="run",
                             first_epoch=1, markers=False, enabled=False)
    for k in range(4):
        curves.update(train_loss=1.0 / (k + 1), train_acc=k / 4, val_loss=0.3)
    assert curves.history["val_loss"] == [0.3] * 4, "keys no panel shows are still recorded"
    loss, accuracy = curves.draw()
    assert [loss.get_ylabel(), accuracy.get_ylabel()] == ["loss", "accuracy"]
    assert accuracy.get_ylim() == (0, 1.02)
    line = loss.get_lines()[0]
    assert list(line.get_xdata()) == [1, 2, 3, 4] and line.get_marker() in (None, "None")
    assert len(accuracy.get_lines()) == 1, "a key without values draws nothing"
    assert loss.figure._suptitle.get_text() == "run"
    plt.close("all")


def test_live_curves_in_one_panel_count_epochs_from_zero_and_mark_values():
    curves = live.LiveCurves(["train_loss", "val_loss"], title="MLP", ylabel="cross-entropy", logy=True,
                             enabled=False)
    curves.update(train_loss=2.0, val_loss=2.5)
    curves.update(train_loss=1.0, val_loss=2.0)
    (ax,) = curves.draw()
    assert ax.get_title() == "MLP" and ax.get_ylabel() == "cross-entropy" and ax.get_yscale() == "log"
    assert [list(l.get_xdata()) for l in ax.get_lines()] == [[0, 1], [0, 1]]
    assert ax.get_lines()[0].get_marker() == "o"
    plt.close("all")


def test_live_curves_redraw_every_nth_update_and_once_more_on_close(shown, clock):
    curves = live.LiveCurves(["train_loss"], every=10, enabled=True)
    for epoch in range(25):
        curves.update(train_loss=1.0 / (epoch + 1))
    assert curves.figure.frames == 2
    history = curves.close()
    assert curves.figure.frames == 3 and len(history["train_loss"]) == 25
    assert len(curves.figure.axes[0].get_lines()[0].get_xdata()) == 25, "the last frame shows every epoch"
