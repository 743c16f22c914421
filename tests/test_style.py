"""logreg.style: the rules a projected figure must meet are each detected, and show()
displays a figure with its caption as visible text and as the image's text alternative."""

from __future__ import annotations

import base64

import matplotlib.pyplot as plt
import numpy as np
import pytest

from logreg import diagrams, plots, style


@pytest.fixture(autouse=True)
def _classroom_style():
    with plt.rc_context(style.RC):
        yield
    plt.close("all")


def _good():
    fig, ax = plt.subplots()
    z = np.linspace(-5, 5, 50)
    ax.plot(z, np.tanh(z), label="tanh")
    ax.plot(z, z / 5, label="z / 5")
    ax.set(xlabel="$z$", ylabel="value")
    plots.legend_outside(ax)
    return fig, ax


def test_a_figure_in_the_style_passes():
    fig, _ = _good()
    assert style.legibility(fig) == []


def test_the_style_gives_every_colour_its_own_line_style():
    cycle = plt.rcParams["axes.prop_cycle"].by_key()
    assert len(set(cycle["color"])) == len(set(map(str, cycle["linestyle"]))) == len(cycle["color"])


@pytest.mark.parametrize(("break_it", "problem"), [
    (lambda fig, ax: ax.set_title("tiny", fontsize=9), "'tiny' is 9.0 pt"),
    (lambda fig, ax: ax.tick_params(labelsize=10), "pt; at least 14 pt"),
    (lambda fig, ax: ax.set_xlabel(""), "the x axis has no label"),
    (lambda fig, ax: ax.set_ylabel(""), "the y axis has no label"),
    (lambda fig, ax: ax.legend(loc="center"), "the legend covers"),
    (lambda fig, ax: ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=10),
     "legend 'tanh' is 10.0 pt; at least 12 pt"),
    (lambda fig, ax: [line.set_linestyle("-") for line in ax.get_lines()] and ax.legend(
        loc="upper left", bbox_to_anchor=(1.02, 1)), "differ only by colour"),
    (lambda fig, ax: fig.set_figwidth(14), "14.0 in wide"),
])
def test_each_broken_rule_is_named(break_it, problem):
    fig, ax = _good()
    break_it(fig, ax)
    assert any(problem in p for p in style.legibility(fig)), style.legibility(fig)


def test_scatter_classes_must_differ_in_marker():
    fig, ax = plt.subplots()
    ax.scatter([0, 1], [0, 1], label="class 0", marker="o")
    ax.scatter([0, 1], [1, 0], label="class 1", marker="o")
    ax.set(xlabel="x", ylabel="y")
    plots.legend_outside(ax)
    assert any("differ only by colour" in p for p in style.legibility(fig))


def test_show_displays_the_png_with_its_alt_and_the_caption(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda obj, **kw: shown.append((obj, kw)))
    fig, _ = _good()
    caption = "tanh and a straight line: they agree near zero and part for large z."
    style.show(fig, caption)
    (image, image_kw), (text, _) = shown
    assert base64.b64decode(image["image/png"]).startswith(b"\x89PNG")
    assert image_kw == {"raw": True, "metadata": {"image/png": {"alt": caption}}}
    assert image["text/plain"] == f"[figure] {caption}"
    assert text._repr_markdown_() == f"*Figure.* {caption}"
    assert not plt.get_fignums(), "show() closes the figure"


def test_show_refuses_an_illegible_figure_or_a_missing_caption(monkeypatch):
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: None)
    fig, ax = _good()
    ax.set_xlabel("")
    with pytest.raises(ValueError, match="not legible when projected:\n  axes 1: the x axis"):
        style.show(fig, "a caption of more than five words here")
    with pytest.raises(ValueError, match="caption must say in words"):
        style.show(_good()[0], "tanh")


@pytest.mark.parametrize("draw", [
    lambda: diagrams.neuron_diagram(),
    lambda: diagrams.neuron_diagram(threshold=r"$\hat y = [z > 0]$", n_inputs=2),
    lambda: diagrams.softmax_layer_diagram(),
    lambda: diagrams.softmax_layer_diagram(n_inputs=4, n_classes=2),
], ids=["neuron", "perceptron", "softmax layer", "4 inputs, K = 2"])
def test_the_model_diagrams_are_legible(draw):
    assert style.legibility(draw()) == []


def test_the_shared_plots_are_legible():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 2)), rng.integers(0, 3, 40)
    figs = [
        plots.plot_decision_regions(lambda G: (G[:, 0] > 0).astype(int), X, y).figure,
        plots.plot_loss_curves({"train": [3.0, 2.0, 1.5], "test": [3.1, 2.4, 2.0]}).figure,
        plots.plot_confusion_matrix(np.array([[5, 1], [2, 7]])).figure,
        plots.show_images(rng.normal(size=(10, 5, 5)), titles=[str(k) for k in range(10)],
                          symmetric=True, colorbar="weight", cmap="RdBu"),
    ]
    for fig in figs:
        assert style.legibility(fig) == []
