"""Notebook 03's demo: the decision boundary :math:`w_1x_1 + w_2x_2 + b = 0` of 2-D data."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from .._validation import as_binary_labels, as_float_array, check_same_length
from ..activations import sigmoid
from ..losses import binary_cross_entropy_with_logits
from ..metrics import accuracy
from ..style import MARKERS, PALETTE
from ._framework import Demo, show_demo, slider


class DecisionBoundaryDemo(Demo):
    r"""Two-feature data, the boundary :math:`w_1x_1 + w_2x_2 + b = 0` and the background
    shaded by :math:`\sigma(w^\top x + b)`; the readout gives the mean NLL and the accuracy
    of :math:`\hat y = [z > 0]`."""

    description = ("Scatter plot of the two classes (class 0 as circles, class 1 as squares) "
                   "over the two features, with the straight decision boundary w1 x1 + w2 x2 + "
                   "b = 0 as a black line and the background shaded by the predicted "
                   "probability of class 1.")

    def __init__(self, X: object, y: object, w: tuple[float, float] = (1.0, 1.0),
                 b: float = 0.0) -> None:
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != 2:
            raise ValueError(f"X must have exactly 2 features, got shape {X.shape}")
        y = as_binary_labels(as_float_array(y, "y", ndim=1))
        check_same_length(X, y, "X", "y")
        w = tuple(float(v) for v in w)
        if len(w) != 2:
            raise ValueError(f"w must have 2 entries, got {len(w)}")
        self.X, self.y = X, y
        self.lo, self.hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
        self.nll = float("nan")
        self.acc = float("nan")
        super().__init__({"w1": slider("w₁", w[0], -5.0, 5.0), "w2": slider("w₂", w[1], -5.0, 5.0),
                          "b": slider("b", b, -5.0, 5.0)})

    def logits(self) -> np.ndarray:
        w = np.array([self.value("w1"), self.value("w2")])
        return self.X @ w + self.value("b")

    def compute(self) -> str:
        z = self.logits()
        self.nll = float(binary_cross_entropy_with_logits(z, self.y))
        self.acc = accuracy(self.y, (z > 0).astype(np.int64))
        w1, w2, b = self.value("w1"), self.value("w2"), self.value("b")
        return (f"w1 = {w1:.1f}, w2 = {w2:.1f}, b = {b:.1f}: mean NLL = {self.nll:.4f}, "
                f"accuracy = {self.acc:.4f}")

    def boundary(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Two points of the line :math:`w_1x_1 + w_2x_2 + b = 0` spanning the plot, or
        ``None`` when ``w = 0`` (no boundary: every example gets :math:`\\sigma(b)`)."""
        w1, w2, b = self.value("w1"), self.value("w2"), self.value("b")
        if w1 == 0 and w2 == 0:
            return None
        if abs(w2) >= abs(w1):
            x1 = np.array([self.lo[0], self.hi[0]])
            return x1, -(w1 * x1 + b) / w2
        x2 = np.array([self.lo[1], self.hi[1]])
        return -(w2 * x2 + b) / w1, x2

    def draw(self, fig: Figure) -> None:
        w1, w2, b = self.value("w1"), self.value("w2"), self.value("b")
        ax = fig.add_subplot()
        g1, g2 = np.meshgrid(np.linspace(self.lo[0], self.hi[0], 120),
                             np.linspace(self.lo[1], self.hi[1], 120))
        cmap = LinearSegmentedColormap.from_list("classes", [PALETTE[0], "white", PALETTE[1]])
        ax.imshow(sigmoid(w1 * g1 + w2 * g2 + b), origin="lower", cmap=cmap, vmin=0, vmax=1,
                  extent=(self.lo[0], self.hi[0], self.lo[1], self.hi[1]), alpha=0.35,
                  aspect="auto")
        for c in (0, 1):
            pts = self.X[self.y == c]
            ax.scatter(pts[:, 0], pts[:, 1], c=PALETTE[c], marker=MARKERS[c], s=45,
                       edgecolor="k", linewidth=0.6, label=f"class {c}")
        line = self.boundary()
        if line is not None:
            ax.plot(*line, color="k", ls="-", lw=3, label="boundary $z = 0$")
        ax.set_xlim(self.lo[0], self.hi[0])
        ax.set_ylim(self.lo[1], self.hi[1])
        ax.set_xlabel("feature $x_1$")
        ax.set_ylabel("feature $x_2$")
        ax.set_title(f"mean NLL {self.nll:.3f} · accuracy {self.acc:.2f}")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))


def decision_boundary_demo(X: object, y: object, w: tuple[float, float] = (1.0, 1.0),
                           b: float = 0.0) -> None:
    """Show 2-D data ``X`` (n, 2) with labels ``y`` in {0, 1} and the decision boundary
    following sliders ``w1``, ``w2``, ``b``, with the mean NLL and accuracy (notebook 03)."""
    show_demo(DecisionBoundaryDemo(X, y, w, b))
