import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402

from course import plotting  # noqa: E402


def test_axes_or_new_draws_on_the_given_axes_or_a_new_figure_of_the_given_size():
    fig, ax = plt.subplots()
    assert plotting.axes_or_new(ax) is ax
    before = plt.get_fignums()
    new = plotting.axes_or_new(None, figsize=(3, 2))
    assert new is not ax and len(plt.get_fignums()) == len(before) + 1
    assert tuple(new.figure.get_size_inches()) == (3, 2)
    plt.close("all")


def test_figures_draw_on_a_given_axes():
    fig, ax = plt.subplots()
    drawn = plotting.plot_sigmoid_and_derivative(torch.sigmoid, lambda z: torch.sigmoid(z) * (1 - torch.sigmoid(z)), ax=ax)
    assert drawn is ax and len(ax.get_lines()) == 3  # sigma, its slope, the 0.25 line
    w = torch.tensor(2.0, requires_grad=True)
    graph = plotting.draw_autograd_graph((w * 3).sum(), {"w": w})
    assert any(t.get_text().startswith("w") for t in graph.texts)
    plt.close("all")
