"""Notebook 01's demo: a sigmoid unit's weight and bias, :math:`\\sigma(wz + b)`."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..activations import sigmoid
from ..style import PALETTE
from ._framework import Demo, show_demo, slider


class SigmoidDemo(Demo):
    r""":math:`a = \sigma(w z + b)` on :math:`z \in [-10, 10]`, against :math:`\sigma(z)`.

    ``w`` sets the steepness (the slope at the midpoint is ``w/4``, since
    :math:`\sigma'(0) = 1/4`), ``b`` shifts the midpoint to :math:`z = -b/w`.
    """

    description = ("Plot of the sigmoid unit's output sigma(w z + b) against z from -10 to 10, "
                   "beside the plain sigmoid sigma(z) as a dashed grey curve, with the midpoint "
                   "where the output is 0.5 marked.")

    def __init__(self, w: float = 1.0, b: float = 0.0) -> None:
        self.z = np.linspace(-10.0, 10.0, 401)
        self.a = np.empty_like(self.z)
        super().__init__({"w": slider("w", w, -5.0, 5.0), "b": slider("b", b, -5.0, 5.0)})

    def compute(self) -> str:
        w, b = self.value("w"), self.value("b")
        self.a = sigmoid(w * self.z + b)
        if w == 0:
            return f"w = 0.0, b = {b:.1f}: flat line at sigma(b) = {float(sigmoid(b)):.4f}"
        return (f"w = {w:.1f}, b = {b:.1f}: sigma(w*z + b) = 0.5 at z = -b/w = {-b / w + 0.0:.4f}, "
                f"slope there w/4 = {w / 4:.4f}")

    def draw(self, fig: Figure) -> None:
        w, b = self.value("w"), self.value("b")
        ax = fig.add_subplot()
        ax.plot(self.z, sigmoid(self.z), color="0.5", ls="--", lw=2, label=r"$\sigma(z)$")
        ax.plot(self.z, self.a, color=PALETTE[0], ls="-", lw=3, label=rf"$\sigma({w:.1f}\,z {b:+.1f})$")
        if w != 0 and abs(b / w) <= 10:
            ax.axvline(-b / w, color=PALETTE[1], ls=":", lw=2)
            ax.plot([-b / w], [0.5], "o", color=PALETTE[1], ms=10, ls="none", label="midpoint")
        ax.set_xlim(-10, 10)
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("$z$")
        ax.set_ylabel("activation $a$")
        if w == 0:
            ax.set_title(rf"$w = 0$: flat at $\sigma(b) = {float(sigmoid(b)):.3f}$")
        else:
            ax.set_title(rf"midpoint $z = -b/w = {-b / w + 0.0:.2f}$, slope $w/4 = {w / 4:.3f}$")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))


def sigmoid_demo(w: float = 1.0, b: float = 0.0) -> None:
    r"""Show :math:`\sigma(w z + b)` with sliders for ``w`` and ``b`` (notebook 01)."""
    show_demo(SigmoidDemo(w, b))
