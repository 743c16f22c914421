"""Notebook 05's demo: softmax of three logits with a temperature, :math:`\\operatorname{softmax}(z/T)`."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..activations import softmax
from ..style import PALETTE
from ._framework import Demo, log_slider, show_demo, slider

_HATCHES = ("", "//", "..")  # bars differ by more than colour


class SoftmaxDemo(Demo):
    r""":math:`\operatorname{softmax}(z/T)` of three logits (classes 0, 1, 2, as in notebook 05)
    as a bar chart. Small ``T`` sharpens towards the argmax (one-hot), large ``T`` flattens
    towards uniform; the argmax never changes with ``T > 0``."""

    description = ("Bar chart of the three class probabilities softmax(z / T), each bar "
                   "labelled with its value, against a dashed line at the uniform 1/3.")

    def __init__(self, z: tuple[float, float, float] = (2.0, 1.0, 0.1), T: float = 1.0) -> None:
        z = tuple(float(v) for v in z)
        if len(z) != 3:
            raise ValueError(f"z must have 3 logits, got {len(z)}")
        if not 0.1 <= T <= 10:
            raise ValueError(f"T must lie in [0.1, 10], got {T!r}")
        self.probas = np.full(3, np.nan)
        super().__init__({"z0": slider("z₀", z[0], -5.0, 5.0), "z1": slider("z₁", z[1], -5.0, 5.0),
                          "z2": slider("z₂", z[2], -5.0, 5.0),
                          "T": log_slider("temperature T", T, -1, 1, fmt=".2f")})

    def logits(self) -> np.ndarray:
        return np.array([self.value("z0"), self.value("z1"), self.value("z2")])

    def compute(self) -> str:
        T = self.value("T")
        self.probas = softmax(self.logits() / T)
        probas = ", ".join(f"{p:.4f}" for p in self.probas)
        return (f"T = {T:.2f}: softmax(z / T) = [{probas}], sum = {self.probas.sum():.4f}, "
                f"most probable: class {int(np.argmax(self.probas))}")

    def draw(self, fig: Figure) -> None:
        ax = fig.add_subplot()
        bars = ax.bar(["class 0", "class 1", "class 2"], self.probas, color=PALETTE[:3],
                      edgecolor="k", hatch=None)
        for bar, p, hatch in zip(bars, self.probas, _HATCHES, strict=True):
            bar.set_hatch(hatch)
            ax.text(bar.get_x() + bar.get_width() / 2, p + 0.03, f"{p:.3f}", ha="center")
        ax.axhline(1 / 3, color="0.3", ls="--", lw=2, label="uniform 1/3")
        z = self.logits()
        ax.set_ylim(0, 1.15)
        ax.set_xlabel("class $k$")
        ax.set_ylabel(r"$\mathrm{softmax}(z/T)_k$")
        ax.set_title(rf"$z = ({z[0]:.1f}, {z[1]:.1f}, {z[2]:.1f})$, $T = {self.value('T'):.2f}$")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))


def softmax_demo(z: tuple[float, float, float] = (2.0, 1.0, 0.1), T: float = 1.0) -> None:
    """Show softmax(z / T) of three logits with sliders for each logit and the temperature
    ``T`` (notebook 05)."""
    show_demo(SoftmaxDemo(z, T))
