"""Matplotlib figures the notebooks share, drawn in the classroom style of
:mod:`logreg.style`. Each function draws on ``ax`` (a new figure when ``ax`` is None) and
returns the Axes or Figure; display it with :func:`logreg.style.show` and a caption."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from ._validation import (
    as_array,
    as_class_labels,
    as_float_array,
    check_int,
    check_positive_number,
    check_same_length,
)
from .style import LINESTYLES, MARKERS, PALETTE

__all__ = [
    "CLASS_COLORS",
    "plot_decision_regions",
    "plot_loss_curves",
    "plot_confusion_matrix",
    "show_images",
    "legend_outside",
]

#: One colour per class, in label order (the style's colour-blind-safe palette).
CLASS_COLORS = PALETTE


#: matplotlib's autoscaling overflows for coordinates beyond about 1e307, on a log axis already
#: for a range of 1 to 1e300: what is drawn must lie within these bounds.
_DRAWABLE = 1e300
_LOG_DRAWABLE = (1e-100, 1e100)


def _axes(ax: object) -> Axes:
    if ax is None:
        return plt.subplots()[1]
    if not isinstance(ax, Axes):
        raise ValueError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def _drawable(x: object, name: str, ndim: int | None = None, logy: bool = False) -> np.ndarray:
    """``x`` as a finite float64 array that matplotlib can draw (see :data:`_DRAWABLE`)."""
    arr = as_float_array(x, name, ndim=ndim).astype(np.float64, copy=False)
    lo, hi = _LOG_DRAWABLE if logy else (-_DRAWABLE, _DRAWABLE)
    if arr.min() < lo or arr.max() > hi:
        raise ValueError(f"{name} must lie within [{lo:g}, {hi:g}] to be drawn"
                         f"{' on a log axis' if logy else ''}, got values from {arr.min():g} to "
                         f"{arr.max():g}")
    return arr


def _names(names: object, name: str, count: int, exact: bool = True) -> Sequence[str]:
    """``names`` if it is a sequence with ``count`` entries (at least ``count`` if not ``exact``)."""
    if isinstance(names, (str, bytes)) or not isinstance(names, Sequence) \
            or (len(names) != count if exact else len(names) < count):
        got = type(names).__name__ if isinstance(names, (str, bytes)) or not isinstance(names, Sequence) \
            else len(names)
        raise ValueError(f"{name} must be a sequence of {'' if exact else 'at least '}{count} names, "
                         f"got {got}")
    return names


def legend_outside(ax: Axes, **kwargs: object) -> None:
    """A legend right of the axes, where it cannot cover data."""
    if not isinstance(ax, Axes):
        raise ValueError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0, **kwargs)


def plot_decision_regions(
    predict: Callable[[np.ndarray], np.ndarray],
    X: object,
    y: object,
    ax: Axes | None = None,
    feature_names: Sequence[str] = ("$x_1$", "$x_2$"),
    class_names: Sequence[str] | None = None,
    resolution: int = 200,
    padding: float = 0.5,
    legend: bool = True,
) -> Axes:
    """Shade the label ``predict`` assigns to every point of a grid over ``X`` (n, 2),
    draw the class boundaries, and scatter the examples by their true label (one colour and
    one marker per class); examples ``predict`` gets wrong are ringed in black."""
    if not callable(predict):
        raise ValueError(f"predict must be a function of the examples, got {type(predict).__name__}")
    X = _drawable(X, "X", ndim=2)
    y = as_class_labels(y, len(PALETTE), "y")
    check_same_length(X, y, "X", "y")
    if X.shape[1] != 2:
        raise ValueError(f"X must have exactly 2 features to draw regions, got {X.shape[1]}")
    _names(feature_names, "feature_names", 2)
    resolution = check_int(resolution, "resolution", minimum=2)
    padding = check_positive_number(padding, "padding")
    if padding > _DRAWABLE:
        raise ValueError(f"padding must be at most {_DRAWABLE:g} to be drawn, got {padding!r}")
    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    if np.any(hi <= lo):
        raise ValueError(f"padding={padding:g} vanishes next to X's values: give it a size that "
                         "widens a constant feature")
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    labels = _predicted(predict, np.column_stack([g1.ravel(), g2.ravel()])).reshape(g1.shape)
    wrong = _predicted(predict, X) != y
    k = max(int(y.max()), int(labels.max())) + 1
    if class_names is not None:
        _names(class_names, "class_names", k, exact=False)
    ax = _axes(ax)
    ax.contourf(g1, g2, labels, levels=np.arange(k + 1) - 0.5, cmap=ListedColormap(PALETTE[:k]),
                alpha=0.2)
    ax.contour(g1, g2, labels, levels=np.arange(k) + 0.5, colors="k", linewidths=1.5)
    for c in range(k):
        pts = X[y == c]
        name = class_names[c] if class_names is not None else f"class {c}"
        ax.scatter(pts[:, 0], pts[:, 1], c=PALETTE[c], marker=MARKERS[c], s=50, edgecolor="k",
                   linewidth=0.6, label=name)
    if wrong.any():
        ax.scatter(X[wrong, 0], X[wrong, 1], s=260, facecolors="none", edgecolors="k",
                   linewidths=2.5, marker="o", label=f"misclassified ({int(wrong.sum())})")
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    if legend:
        legend_outside(ax)
    return ax


def _predicted(predict: Callable[[np.ndarray], np.ndarray], X: np.ndarray) -> np.ndarray:
    """``predict(X)``: one class label per row of ``X``."""
    labels = as_class_labels(np.ravel(as_array(predict(X), "predict(X)")), len(PALETTE), "predict(X)")
    if labels.size != X.shape[0]:
        raise ValueError(f"predict(X) must return one label per row of X: {X.shape[0]} rows, got "
                         f"{labels.size} labels")
    return labels


def plot_loss_curves(
    histories: Mapping[str, Sequence[float]],
    ax: Axes | None = None,
    xlabel: str = "epoch",
    ylabel: str = "mean training loss",
    logy: bool = False,
    markevery: int | None = None,
) -> Axes:
    """One line per entry of ``histories`` (label -> value per epoch), epochs counted from 1;
    each curve has its own colour, line style and marker, so curves read apart in grey."""
    if not isinstance(histories, Mapping):
        raise ValueError(f"histories must be a mapping from label to values, got {type(histories).__name__}")
    if not histories:
        raise ValueError("histories must contain at least one curve")
    markevery = check_int(markevery, "markevery", minimum=1, optional=True)
    curves = {label: _drawable(values, f"histories[{label!r}]", ndim=1, logy=bool(logy))
              for label, values in histories.items()}
    ax = _axes(ax)
    for i, (label, values) in enumerate(curves.items()):
        every = markevery or max(1, values.size // 8)
        ax.plot(np.arange(1, values.size + 1), values, label=label, color=PALETTE[i % 6],
                ls=LINESTYLES[i % 6], marker=MARKERS[i % 6], markevery=(i * every // 3, every))
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    legend_outside(ax)
    return ax


def plot_confusion_matrix(
    cm: object, ax: Axes | None = None, class_names: Sequence[str] | None = None
) -> Axes:
    """Draw a confusion matrix (rows: true class, columns: predicted) with its counts."""
    counts = _drawable(cm, "cm")
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or np.any(counts < 0):
        raise ValueError(f"cm must be a square matrix of non-negative counts, got shape {counts.shape}")
    cm = as_array(cm, "cm")
    k = cm.shape[0]
    names = _names(class_names, "class_names", k) if class_names is not None else [str(i) for i in range(k)]
    ax = _axes(ax)
    ax.imshow(cm, cmap="Blues")
    ax.grid(False)
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    threshold = cm.max() / 2
    for i in range(k):
        for j in range(k):
            ax.text(j, i, str(cm[i, j]), ha="center", va="center",
                    color="white" if cm[i, j] > threshold else "black")
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    return ax


def show_images(
    images: object,
    titles: Sequence[str] | None = None,
    ncols: int = 5,
    cmap: str = "gray",
    symmetric: bool = False,
    size: float = 1.7,
    colorbar: str | None = None,
) -> Figure:
    """Show a stack of 2-D images (n, h, w) in a grid. ``symmetric=True`` puts every image on
    one colour scale centred on 0 (for weight templates, with a diverging ``cmap``), and
    ``colorbar`` labels a colour bar for that shared scale."""
    images = as_array(images, "images")
    if images.ndim != 3:
        raise ValueError(f"images must have shape (n, height, width), got {images.shape}")
    values = _drawable(images, "images")  # numeric, finite, non-empty; shown as given
    ncols = check_int(ncols, "ncols", minimum=1)
    size = check_positive_number(size, "size")
    n = images.shape[0]
    if titles is not None and (isinstance(titles, str) or not isinstance(titles, Sequence)
                               or len(titles) != n):
        got = type(titles).__name__ if isinstance(titles, str) or not isinstance(titles, Sequence) \
            else len(titles)
        raise ValueError(f"titles must have one entry per image ({n}), got {got}")
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    extra = 1.4 if colorbar else 0.0
    fig, axes = plt.subplots(nrows, ncols, squeeze=False,
                             figsize=(size * ncols + extra, (size + 0.45 * (titles is not None)) * nrows))
    lim = float(np.abs(values).max()) if symmetric else None
    shown = None
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i < n:
            shown = ax.imshow(images[i], cmap=cmap, vmin=-lim if symmetric else None, vmax=lim)
            if titles is not None:
                ax.set_title(titles[i])
    if colorbar and shown is not None:
        fig.colorbar(shown, ax=axes, shrink=0.8, label=colorbar)
    return fig
