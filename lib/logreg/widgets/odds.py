"""Notebook 04's demo: probability, odds and logit, three linked sliders."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure

from ..activations import logit, sigmoid
from ..style import PALETTE
from ._framework import Demo, log_slider, show_demo, slider


class OddsDemo(Demo):
    r"""Three linked sliders: probability :math:`p`, odds :math:`p/(1-p)` (log scale) and
    logit :math:`\log\frac{p}{1-p}`. Moving any one sets the other two; the state is the
    exact logit, so the readout does not depend on slider rounding."""

    description = ("Plot of the probability p = sigma(z) against the logit z, with the "
                   "current point marked and dotted guides to both axes.")
    P_MIN, P_MAX = 0.01, 0.99

    def __init__(self, p: float = 0.8) -> None:
        if not self.P_MIN <= p <= self.P_MAX:
            raise ValueError(f"p must lie in [{self.P_MIN}, {self.P_MAX}], got {p!r}")
        z_max = float(logit(self.P_MAX))
        self.z = float(logit(p))
        self._syncing = False
        super().__init__({
            "p": slider("probability p", p, self.P_MIN, self.P_MAX, 0.01, ".2f"),
            "odds": log_slider("odds p/(1−p)", p / (1 - p), -math.log10(99), math.log10(99)),
            "logit": slider("logit log(odds)", self.z, -z_max, z_max, 0.01, ".2f"),
        })

    @property
    def p(self) -> float:
        return float(sigmoid(self.z))

    @property
    def odds(self) -> float:
        return math.exp(self.z)

    def _on_change(self, change: dict) -> None:
        if self._syncing:
            return
        source = next(k for k, s in self.sliders.items() if s is change["owner"])
        new = float(change["new"])
        self.z = {"p": lambda: float(logit(new)), "odds": lambda: math.log(new),
                  "logit": lambda: new}[source]()
        self._syncing = True
        try:
            for name, value in [("p", self.p), ("odds", self.odds), ("logit", self.z)]:
                if name != source:
                    s = self.sliders[name]
                    bounds = (s.min, s.max) if name != "odds" else (s.base**s.min, s.base**s.max)
                    s.value = min(max(value, bounds[0]), bounds[1])
        finally:
            self._syncing = False
        self.update()

    def compute(self) -> str:
        return (f"p = {self.p:.4f}  ->  odds = p/(1-p) = {self.odds:.4f}  ->  "
                f"logit = log(odds) = {self.z:.4f};  sigma({self.z:.4f}) = {self.p:.4f}")

    def draw(self, fig: Figure) -> None:
        z_max = self.sliders["logit"].max
        zz = np.linspace(-z_max - 0.5, z_max + 0.5, 301)
        ax = fig.add_subplot()
        ax.plot(zz, sigmoid(zz), color=PALETTE[0], ls="-", lw=3, label=r"$p = \sigma(z)$")
        ax.plot([self.z, self.z], [0, self.p], color=PALETTE[1], ls=":", lw=2)
        ax.plot([zz[0], self.z], [self.p, self.p], color=PALETTE[1], ls=":", lw=2)
        ax.plot([self.z], [self.p], "o", color=PALETTE[1], ms=11, ls="none", label="current")
        ax.set_xlim(zz[0], zz[-1])
        ax.set_ylim(0, 1)
        ax.set_xlabel(r"logit $z = \log\frac{p}{1-p}$")
        ax.set_ylabel("probability $p$")
        ax.set_title(f"p = {self.p:.3f}, odds = {self.odds:.3g} : 1, logit = {self.z:.3f}")
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))


def odds_demo(p: float = 0.8) -> None:
    """Show the probability <-> odds <-> logit converter (notebook 04)."""
    show_demo(OddsDemo(p))
