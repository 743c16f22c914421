"""Pictures of the lecture's models, drawn with matplotlib (no image files):

* :func:`neuron_diagram` -- one neuron: inputs, net input :math:`z = w^\\top x + b`,
  activation, and an optional threshold (perceptron, ADALINE, HW2 neuron, logistic regression);
* :func:`softmax_layer_diagram` -- softmax regression as one layer: m inputs fully connected
  to K net inputs by an m × K weight matrix, then the softmax.

Display them with :func:`logreg.style.show` and a caption.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from ._validation import check_int
from .style import PALETTE

__all__ = ["neuron_diagram", "softmax_layer_diagram"]

_NODE_R = 0.32


def _canvas(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is None:
        fig, ax = plt.subplots(figsize=size)
    elif not isinstance(ax, Axes):
        raise ValueError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    ax.set_axis_off()
    ax.set_aspect("equal")
    return ax.figure, ax


def _node(ax: Axes, xy: tuple[float, float], text: str, color: str = "white") -> None:
    ax.add_patch(Circle(xy, _NODE_R, facecolor=color, edgecolor="k", lw=1.8))
    ax.text(*xy, text, ha="center", va="center", fontsize=16)


def _box(ax: Axes, xy: tuple[float, float], w: float, h: float, text: str, color: str) -> None:
    x, y = xy
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.08",
                                facecolor=color, edgecolor="k", lw=1.8))
    ax.text(x, y, text, ha="center", va="center", fontsize=16)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], label: str = "",
           where: float = 0.45) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=18, lw=1.6,
                                 color="k", shrinkA=0, shrinkB=0))
    if label:
        x = start[0] + where * (end[0] - start[0])
        y = start[1] + where * (end[1] - start[1])
        ax.text(x, y + 0.12, label, ha="center", va="bottom", fontsize=15,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"})


def neuron_diagram(activation: str = r"$a = \sigma(z)$", threshold: str | None = None,
                   n_inputs: int = 3, ax: Axes | None = None) -> Figure:
    """One neuron: inputs :math:`x_1 \\dots x_m` and a constant 1, weighted by
    :math:`w_1 \\dots w_m` and :math:`b`, summed into the net input :math:`z`, passed
    through ``activation`` and, if given, a ``threshold`` that turns it into a label."""
    n_inputs = check_int(n_inputs, "n_inputs", minimum=1, maximum=4)
    if not isinstance(activation, str):
        raise ValueError(f"activation must be a string (its formula), got {type(activation).__name__}")
    if threshold is not None and not isinstance(threshold, str):
        raise ValueError(f"threshold must be None or a string (its formula), got {type(threshold).__name__}")
    width = 11.5 if threshold else 9.0
    fig, ax = _canvas(ax, (min(width * 0.85, 9.8), 3.9))
    rows = [1.6 - 0.95 * i for i in range(n_inputs)]
    sum_xy = (3.4, 0.6 - 0.45 * (n_inputs - 2))
    labels = [f"$x_{i + 1}$" for i in range(n_inputs)]
    if n_inputs > 2:
        labels[-2:] = [r"$\vdots$", "$x_m$"]
    for y, text, i in zip(rows, labels, range(n_inputs), strict=True):
        if text == r"$\vdots$":
            ax.text(0.4, y, text, ha="center", va="center", fontsize=18)
        else:
            _node(ax, (0.4, y), text)
            weight = f"$w_{i + 1}$" if text != "$x_m$" else "$w_m$"
            _arrow(ax, (0.4 + _NODE_R, y), (sum_xy[0] - _NODE_R, sum_xy[1]), weight, 0.35)
    bias_y = rows[-1] - 0.95
    _node(ax, (0.4, bias_y), "1", color="0.9")
    _arrow(ax, (0.4 + _NODE_R, bias_y), (sum_xy[0] - _NODE_R, sum_xy[1]), "$b$", 0.35)
    _node(ax, sum_xy, r"$\Sigma$", color=PALETTE[5])
    ax.text(sum_xy[0], sum_xy[1] - 0.55, "net input\n" + r"$z = w^\top x + b$", ha="center",
            va="top", fontsize=15)
    act_xy = (sum_xy[0] + 2.6, sum_xy[1])
    _arrow(ax, (sum_xy[0] + _NODE_R, sum_xy[1]), (act_xy[0] - 1.05, act_xy[1]))
    _box(ax, act_xy, 1.9, 0.8, activation, color=PALETTE[4])
    ax.text(act_xy[0], act_xy[1] + 0.6, "activation", ha="center", va="bottom", fontsize=15)
    end = act_xy[0] + 1.05
    if threshold:
        thr_xy = (act_xy[0] + 2.7, act_xy[1])
        _arrow(ax, (end, act_xy[1]), (thr_xy[0] - 1.05, thr_xy[1]))
        _box(ax, thr_xy, 1.9, 0.8, threshold, color="0.9")
        ax.text(thr_xy[0], thr_xy[1] + 0.6, "threshold", ha="center", va="bottom", fontsize=15)
        end = thr_xy[0] + 1.05
    _arrow(ax, (end, act_xy[1]), (end + 0.9, act_xy[1]))
    ax.set_xlim(-0.1, end + 1.0)
    ax.set_ylim(bias_y - 0.9, rows[0] + 0.6)
    return fig


def softmax_layer_diagram(n_inputs: int = 3, n_classes: int = 3, ax: Axes | None = None) -> Figure:
    """Softmax regression as one fully connected layer: inputs :math:`x_1 \\dots x_m`, net
    inputs :math:`z_1 \\dots z_K` with :math:`z = W^\\top x + b` for an m × K matrix W, and
    the softmax turning them into class probabilities."""
    n_inputs = check_int(n_inputs, "n_inputs", minimum=1, maximum=5)
    n_classes = check_int(n_classes, "n_classes", minimum=2, maximum=5)
    fig, ax = _canvas(ax, (9.0, 4.3))
    span = max(n_inputs, n_classes) - 1
    ins = [(0.4, span / 2 - i * span / max(n_inputs - 1, 1)) for i in range(n_inputs)]
    outs = [(3.6, span / 2 - k * span / (n_classes - 1)) for k in range(n_classes)]
    for i, xy in enumerate(ins):
        _node(ax, xy, f"$x_{i + 1}$" if i < n_inputs - 1 else "$x_m$")
    for (x0, y0) in ins:
        for (x1, y1) in outs:
            ax.plot([x0 + _NODE_R, x1 - _NODE_R], [y0, y1], color="0.45", lw=1.2, ls="-")
    for k, xy in enumerate(outs):
        _node(ax, xy, f"$z_{k + 1}$" if k < n_classes - 1 else "$z_K$", color=PALETTE[5])
    ax.text(2.0, span / 2 + 0.55, r"$W$ ($m \times K$), $b$ ($K$)", ha="center", va="bottom",
            fontsize=15)
    ax.text(3.6, outs[-1][1] - 0.55, r"$z = W^\top x + b$", ha="center", va="top", fontsize=15)
    top, bottom = outs[0][1] + 0.45, outs[-1][1] - 0.45
    sm_x = 5.5
    ax.add_patch(FancyBboxPatch((sm_x - 0.55, bottom), 1.1, top - bottom,
                                boxstyle="round,pad=0.08", facecolor=PALETTE[4], edgecolor="k",
                                lw=1.8))
    ax.text(sm_x, (top + bottom) / 2, "softmax", rotation=90, ha="center", va="center",
            fontsize=16)
    for k, (x, y) in enumerate(outs):
        _arrow(ax, (x + _NODE_R, y), (sm_x - 0.6, y))
        _arrow(ax, (sm_x + 0.6, y), (sm_x + 1.4, y))
        name = f"$p_{k + 1}$" if k < n_classes - 1 else "$p_K$"
        ax.text(sm_x + 1.5, y, name, ha="left", va="center", fontsize=16)
    ax.text(sm_x + 1.7, bottom - 0.25, r"$\sum_k p_k = 1$", ha="center", va="top", fontsize=15)
    ax.set_xlim(-0.1, sm_x + 2.4)
    ax.set_ylim(bottom - 0.9, top + 0.9)
    return fig
