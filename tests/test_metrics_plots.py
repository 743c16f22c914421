"""logreg.metrics against hand counts and scikit-learn; logreg.plots draws what it says
and returns the Axes or Figure (Agg backend, set in conftest.py). Their ValueErrors are
in test_bad_input.py."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # also here, so the module runs on its own

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from _helpers import class_labels, logits  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from sklearn.metrics import confusion_matrix as sk_confusion_matrix  # noqa: E402

from logreg import plots  # noqa: E402
from logreg.metrics import accuracy, confusion_matrix  # noqa: E402

Y_TRUE = [0, 1, 2, 2, 1, 0]
Y_PRED = [0, 2, 2, 2, 0, 0]
# true 0: predicted 0, 0; true 1: predicted 2, 0; true 2: predicted 2, 2
HAND_COUNT = [[2, 0, 0], [1, 0, 1], [0, 0, 2]]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- metrics -----------------------------------------------------------------------------------


def test_accuracy_is_the_fraction_correct():
    assert accuracy(Y_TRUE, Y_PRED) == 4 / 6
    assert accuracy(Y_TRUE, Y_TRUE) == 1.0
    assert isinstance(accuracy(Y_TRUE, Y_PRED), float)


def test_accuracy_compares_float_and_integer_labels():
    assert accuracy(np.array([0.0, 1.0, 1.0]), np.array([0, 1, 0])) == pytest.approx(2 / 3)


def test_confusion_matrix_matches_a_hand_count():
    cm = confusion_matrix(Y_TRUE, Y_PRED, 3)
    assert cm.tolist() == HAND_COUNT
    assert np.trace(cm) / cm.sum() == accuracy(Y_TRUE, Y_PRED)


def test_confusion_matrix_matches_sklearn():
    y_true, y_pred = class_labels(200, 5), class_labels(200, 5, offset=9)
    expected = sk_confusion_matrix(y_true, y_pred, labels=range(5))
    assert np.array_equal(confusion_matrix(y_true, y_pred, 5), expected)


def test_confusion_matrix_has_rows_for_unseen_classes():
    cm = confusion_matrix([0, 1], [1, 1], 4)
    assert cm.shape == (4, 4) and cm.sum() == 2 and cm[2:].sum() == 0


# -- plots -------------------------------------------------------------------------------------


def test_plot_decision_regions_shades_and_scatters_every_class():
    X, y = logits((30, 2)), class_labels(30, 3)
    ax = plots.plot_decision_regions(
        lambda G: (G[:, 0] > 0).astype(int) + (G[:, 1] > 0),
        X,
        y,
        feature_names=("width", "height"),
        class_names=("a", "b", "c"),
        resolution=20,
    )
    assert isinstance(ax, Axes)
    predicted = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0)
    wrong = int(np.sum(predicted != y))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["a", "b", "c", f"misclassified ({wrong})"]
    ringed = [c for c in ax.collections if c.get_label().startswith("misclassified")]
    assert len(ringed[0].get_offsets()) == wrong
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("width", "height")
    scattered = sum(len(c.get_offsets()) for c in ax.collections if c.get_label() in {"a", "b", "c"})
    assert scattered == 30


def test_plot_decision_regions_draws_on_the_given_axes():
    _, ax = plt.subplots()
    X, y = logits((10, 2)), class_labels(10, 2)
    assert plots.plot_decision_regions(lambda G: G[:, 0] > 0, X, y, ax=ax, resolution=10) is ax


def test_plot_loss_curves_draws_one_line_per_history():
    ax = plots.plot_loss_curves({"full": [3.0, 2.0, 1.0], "mini": [2.5, 1.5]}, logy=True)
    assert isinstance(ax, Axes) and ax.get_yscale() == "log"
    lines = {line.get_label(): line.get_xdata().tolist() for line in ax.get_lines()}
    assert lines == {"full": [1, 2, 3], "mini": [1, 2]}, "one line each, epochs from 1"


def test_plot_confusion_matrix_writes_every_count():
    ax = plots.plot_confusion_matrix(np.array(HAND_COUNT), class_names=["x", "y", "z"])
    assert isinstance(ax, Axes)
    assert sorted(int(t.get_text()) for t in ax.texts) == sorted(np.ravel(HAND_COUNT))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]


def test_show_images_lays_out_a_grid_with_titles():
    images = logits((7, 4, 4))
    fig = plots.show_images(images, titles=[str(i) for i in range(7)], ncols=3, symmetric=True)
    assert isinstance(fig, Figure) and len(fig.axes) == 9  # 3 x 3 grid, two blank
    shown = [ax for ax in fig.axes if ax.images]
    assert [ax.get_title() for ax in shown] == [str(i) for i in range(7)]
    for ax in shown:  # one colour scale for all, centred on 0
        lo, hi = ax.images[0].get_clim()
        assert lo == -hi == -np.abs(images).max()


def test_show_images_adds_one_colour_bar_for_the_shared_scale():
    fig = plots.show_images(logits((4, 3, 3)), symmetric=True, colorbar="weight", ncols=4)
    bars = [ax for ax in fig.axes if ax.get_label() == "<colorbar>"]
    assert len(bars) == 1 and bars[0].get_ylabel() == "weight"


def test_accuracy_rejects_probabilities_given_as_labels():
    message = (r"^y_pred must contain integer class labels \(whole numbers below 2\*\*53 in magnitude\), "
               r"got \[0\.7, 0\.9\]$")
    with pytest.raises(ValueError, match=message):
        accuracy([0, 1, 1], [0.0, 0.7, 0.9])
