"""Interactive classroom demos (ipywidgets 8): drag a slider, the figure follows.

* :func:`sigmoid_demo` -- :math:`\\sigma(w z + b)` with sliders ``w`` and ``b`` (notebook 01)
* :func:`decision_boundary_demo` -- 2-D data and the line :math:`w_1x_1 + w_2x_2 + b = 0`,
  with the mean NLL and the accuracy (notebook 03)
* :func:`odds_demo` -- probability <-> odds <-> logit converter (notebook 04)
* :func:`softmax_demo` -- softmax of three logits with a temperature ``T`` (notebook 05)

Each function displays **one** output whose MIME bundle holds three things:

* ``application/vnd.jupyter.widget-view+json`` -- the live sliders, readout and figure
  (JupyterLab shows this while a kernel runs);
* ``image/png`` -- the figure at the default slider values, for every viewer without a
  kernel (static HTML, slides, GitHub), and
* ``text/plain`` -- a sentence with the numbers at the defaults (what strict nbval compares:
  it contains no memory address and no widget id, so it is the same on every run).

The live figure is an :class:`ipywidgets.Image` re-rendered by matplotlib's Agg backend on
every slider change, never pyplot, so nothing else is echoed or shown twice; the functions
return ``None``. The classes behind them (:class:`SigmoidDemo`, ...) build the same
widgets without displaying anything, which is what the tests drive.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from ._validation import as_binary_labels, as_float_array, check_same_length
from .activations import logit as logit_fn
from .activations import sigmoid, softmax
from .losses import binary_cross_entropy_with_logits
from .metrics import accuracy
from .plots import CLASS_COLORS

__all__ = [
    "sigmoid_demo",
    "decision_boundary_demo",
    "odds_demo",
    "softmax_demo",
    "SigmoidDemo",
    "DecisionBoundaryDemo",
    "OddsDemo",
    "SoftmaxDemo",
]

_FIGSIZE = (6.4, 3.6)
_DPI = 100
_STYLE = {"description_width": "initial"}
_SLIDER_LAYOUT = {"width": "420px"}


def _slider(description: str, value: float, lo: float, hi: float, step: float = 0.1,
            fmt: str = ".1f") -> widgets.FloatSlider:
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                               readout_format=fmt, continuous_update=True, style=_STYLE,
                               layout=_SLIDER_LAYOUT)


def _png(fig: Figure) -> bytes:
    """The figure as PNG bytes (Agg, fixed size, no timestamp: identical on every run)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI, metadata={"Software": None})
    return buf.getvalue()


class _DemoBox(widgets.VBox):
    """The VBox a demo displays. Its MIME bundle adds the static PNG and replaces the
    ``text/plain`` repr (which would list every child widget and the PNG bytes)."""

    def __init__(self, demo: _Demo, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._demo = demo

    def __repr__(self) -> str:
        return self._demo.summary()

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self._demo.summary()
        data["image/png"] = base64.b64encode(self._demo.png).decode("ascii")
        return data


class _Demo:
    """Shared machinery: sliders -> :meth:`compute` -> readout text + re-rendered figure."""

    name = "demo"

    def __init__(self, sliders: dict[str, widgets.FloatSlider]) -> None:
        self.sliders = sliders
        self.readout = widgets.HTML()
        self.image = widgets.Image(format="png")
        self.text = ""
        self.png = b""
        self.renders = 0
        self._fig = Figure(figsize=_FIGSIZE, dpi=_DPI, layout="constrained")
        self.widget = _DemoBox(self, children=[*sliders.values(), self.readout, self.image])
        for slider in sliders.values():
            slider.observe(self._on_change, names="value")
        self.update()

    # -- what each demo defines ---------------------------------------------------
    def compute(self) -> str:
        """Recompute the demo's numbers from the slider values; return the readout text."""
        raise NotImplementedError

    def draw(self, fig: Figure) -> None:
        """Draw the current state on the (cleared) figure."""
        raise NotImplementedError

    # -- shared ---------------------------------------------------------------------
    def value(self, name: str) -> float:
        return float(self.sliders[name].value)

    def summary(self) -> str:
        """The ``text/plain`` of the displayed widget: what the demo shows at the current values."""
        names = ", ".join(self.sliders)
        return f"[interactive demo, sliders {names}; run the notebook to use them] {self.text}"

    def _on_change(self, change: dict) -> None:
        self.update()

    def update(self) -> None:
        """Recompute, rewrite the readout and re-render the figure."""
        self.text = self.compute()
        self._fig.clear()
        self.draw(self._fig)
        self.png = _png(self._fig)
        self.image.value = self.png
        self.readout.value = f"<code>{self.text}</code>"
        self.renders += 1


def _display(demo: _Demo) -> None:
    from IPython.display import display

    display(demo.widget)


# ---------------------------------------------------------------------------------------
# 01: sigma(w z + b)
# ---------------------------------------------------------------------------------------
class SigmoidDemo(_Demo):
    r""":math:`a = \sigma(w z + b)` on :math:`z \in [-10, 10]`, against :math:`\sigma(z)`.

    ``w`` sets the steepness (the slope at the midpoint is ``w/4``, since
    :math:`\sigma'(0) = 1/4`), ``b`` shifts the midpoint to :math:`z = -b/w`.
    """

    name = "sigmoid"

    def __init__(self, w: float = 1.0, b: float = 0.0) -> None:
        self.z = np.linspace(-10.0, 10.0, 401)
        self.a = np.empty_like(self.z)
        super().__init__({"w": _slider("w", w, -5.0, 5.0), "b": _slider("b", b, -5.0, 5.0)})

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
        ax.plot(self.z, sigmoid(self.z), color="gray", ls="--", lw=1, label=r"$\sigma(z)$")
        ax.plot(self.z, self.a, color=CLASS_COLORS[0], lw=2, label=rf"$\sigma({w:.1f}\,z {b:+.1f})$")
        if w != 0 and abs(b / w) <= 10:
            ax.axvline(-b / w, color=CLASS_COLORS[1], ls=":", lw=1)
            ax.plot([-b / w], [0.5], "o", color=CLASS_COLORS[1], label=r"$z = -b/w$")
        ax.axhline(0.5, color="gray", lw=0.5)
        ax.set_xlim(-10, 10)
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("$z$")
        ax.set_ylabel("activation")
        if w == 0:
            ax.set_title(rf"$w = 0$: flat at $\sigma(b) = {float(sigmoid(b)):.3f}$", fontsize=10)
        else:
            ax.set_title(rf"$\sigma = 0.5$ at $z = -b/w = {-b / w + 0.0:.2f}$, "
                         rf"slope there $w/4 = {w / 4:.3f}$", fontsize=10)
        ax.legend(loc="upper left", fontsize=9)


def sigmoid_demo(w: float = 1.0, b: float = 0.0) -> None:
    r"""Show :math:`\sigma(w z + b)` with sliders for ``w`` and ``b`` (notebook 01)."""
    _display(SigmoidDemo(w, b))


# ---------------------------------------------------------------------------------------
# 03: the decision boundary w1 x1 + w2 x2 + b = 0
# ---------------------------------------------------------------------------------------
class DecisionBoundaryDemo(_Demo):
    r"""Two-feature data, the boundary :math:`w_1x_1 + w_2x_2 + b = 0` and the background
    shaded by :math:`\sigma(w^\top x + b)`; the readout gives the mean NLL
    (:func:`logreg.losses.binary_cross_entropy_with_logits`) and the accuracy of
    :math:`\hat y = [z > 0]`."""

    name = "decision boundary"

    def __init__(self, X: object, y: object, w: tuple[float, float] = (1.0, 1.0),
                 b: float = 0.0) -> None:
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != 2:
            raise ValueError(f"X must have exactly 2 features, got shape {X.shape}")
        y = as_binary_labels(y)
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D, got shape {y.shape}")
        check_same_length(X, y, "X", "y")
        w = tuple(float(v) for v in w)
        if len(w) != 2:
            raise ValueError(f"w must have 2 entries, got {len(w)}")
        self.X, self.y = X, y
        pad = 0.5
        self.lo, self.hi = X.min(axis=0) - pad, X.max(axis=0) + pad
        self.nll = float("nan")
        self.acc = float("nan")
        super().__init__({"w1": _slider("w₁", w[0], -5.0, 5.0), "w2": _slider("w₂", w[1], -5.0, 5.0),
                          "b": _slider("b", b, -5.0, 5.0)})

    def logits(self) -> np.ndarray:
        w = np.array([self.value("w1"), self.value("w2")])
        return self.X @ w + self.value("b")

    def compute(self) -> str:
        z = self.logits()
        self.nll = float(binary_cross_entropy_with_logits(z, self.y))
        self.acc = accuracy(self.y, (z > 0).astype(np.float64))
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
        proba = sigmoid(w1 * g1 + w2 * g2 + b)
        cmap = LinearSegmentedColormap.from_list("classes", [CLASS_COLORS[0], "white", CLASS_COLORS[1]])
        ax.imshow(proba, origin="lower", extent=(self.lo[0], self.hi[0], self.lo[1], self.hi[1]),
                  cmap=cmap, vmin=0, vmax=1, alpha=0.35, aspect="auto")
        for c, marker in [(0, "o"), (1, "s")]:
            pts = self.X[self.y == c]
            ax.scatter(pts[:, 0], pts[:, 1], c=CLASS_COLORS[c], marker=marker, s=22,
                       edgecolor="k", linewidth=0.5, label=f"class {c}")
        line = self.boundary()
        if line is not None:
            ax.plot(*line, color="k", lw=2, label=r"$w_1x_1 + w_2x_2 + b = 0$")
        ax.set_xlim(self.lo[0], self.hi[0])
        ax.set_ylim(self.lo[1], self.hi[1])
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.set_title(f"mean NLL {self.nll:.4f} · accuracy {self.acc:.4f}", fontsize=10)
        ax.legend(loc="upper left", fontsize=8, framealpha=0.8)


def decision_boundary_demo(X: object, y: object, w: tuple[float, float] = (1.0, 1.0),
                           b: float = 0.0) -> None:
    """Show 2-D data ``X`` (n, 2) with labels ``y`` in {0, 1} and the decision boundary
    following sliders ``w1``, ``w2``, ``b``, with the mean NLL and accuracy (notebook 03)."""
    _display(DecisionBoundaryDemo(X, y, w, b))


# ---------------------------------------------------------------------------------------
# 04: probability <-> odds <-> logit
# ---------------------------------------------------------------------------------------
class OddsDemo(_Demo):
    r"""Three linked sliders: probability :math:`p`, odds :math:`p/(1-p)` (log scale) and
    logit :math:`\log\frac{p}{1-p}`. Moving any one sets the other two; the state is the
    exact logit, so the readout does not depend on slider rounding."""

    name = "odds"
    P_MIN, P_MAX = 0.01, 0.99

    def __init__(self, p: float = 0.8) -> None:
        if not self.P_MIN <= p <= self.P_MAX:
            raise ValueError(f"p must lie in [{self.P_MIN}, {self.P_MAX}], got {p!r}")
        z_max = float(logit_fn(self.P_MAX))
        self.z = float(logit_fn(p))
        self._syncing = False
        odds = widgets.FloatLogSlider(value=p / (1 - p), base=10, min=-math.log10(99),
                                      max=math.log10(99), step=0.01, description="odds p/(1−p)",
                                      readout_format=".3g", style=_STYLE, layout=_SLIDER_LAYOUT)
        super().__init__({
            "p": _slider("probability p", p, self.P_MIN, self.P_MAX, 0.01, ".2f"),
            "odds": odds,
            "logit": _slider("logit log(odds)", self.z, -z_max, z_max, 0.01, ".2f"),
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
        if source == "p":
            self.z = float(logit_fn(new))
        elif source == "odds":
            self.z = math.log(new)
        else:
            self.z = new
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
        ax.plot(zz, sigmoid(zz), color=CLASS_COLORS[0], lw=2, label=r"$p = \sigma(z)$")
        ax.plot([self.z, self.z], [0, self.p], color=CLASS_COLORS[1], ls=":")
        ax.plot([zz[0], self.z], [self.p, self.p], color=CLASS_COLORS[1], ls=":")
        ax.plot([self.z], [self.p], "o", color=CLASS_COLORS[1])
        ax.annotate(f"p = {self.p:.3f}\nodds = {self.odds:.3g} : 1\nlogit = {self.z:.3f}",
                    xy=(self.z, self.p), xytext=(-95 if self.z > 2 else 10, -45 if self.p > 0.5 else 10),
                    textcoords="offset points", fontsize=9,
                    bbox={"boxstyle": "round", "fc": "white", "ec": "gray"})
        ax.set_xlim(zz[0], zz[-1])
        ax.set_ylim(0, 1)
        ax.set_xlabel(r"logit $z = \log\frac{p}{1-p}$")
        ax.set_ylabel("probability $p$")
        ax.legend(loc="upper left", fontsize=9)


def odds_demo(p: float = 0.8) -> None:
    """Show the probability <-> odds <-> logit converter (notebook 04)."""
    _display(OddsDemo(p))


# ---------------------------------------------------------------------------------------
# 05: softmax(z / T)
# ---------------------------------------------------------------------------------------
class SoftmaxDemo(_Demo):
    r""":math:`\operatorname{softmax}(z/T)` of three logits (classes 0, 1, 2, as in notebook 05)
    as a bar chart. Small ``T`` sharpens towards the argmax (one-hot), large ``T`` flattens
    towards uniform; the argmax never changes with ``T > 0``."""

    name = "softmax"

    def __init__(self, z: tuple[float, float, float] = (2.0, 1.0, 0.1), T: float = 1.0) -> None:
        z = tuple(float(v) for v in z)
        if len(z) != 3:
            raise ValueError(f"z must have 3 logits, got {len(z)}")
        if not 0.1 <= T <= 10:
            raise ValueError(f"T must lie in [0.1, 10], got {T!r}")
        self.probas = np.full(3, np.nan)
        temperature = widgets.FloatLogSlider(value=T, base=10, min=-1, max=1, step=0.01,
                                             description="temperature T", readout_format=".2f",
                                             style=_STYLE, layout=_SLIDER_LAYOUT)
        super().__init__({"z0": _slider("z₀", z[0], -5.0, 5.0), "z1": _slider("z₁", z[1], -5.0, 5.0),
                          "z2": _slider("z₂", z[2], -5.0, 5.0), "T": temperature})

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
        names = ["class 0", "class 1", "class 2"]
        bars = ax.bar(names, self.probas, color=CLASS_COLORS[:3], edgecolor="k")
        for bar, p in zip(bars, self.probas, strict=True):
            ax.text(bar.get_x() + bar.get_width() / 2, p + 0.02, f"{p:.3f}", ha="center", fontsize=10)
        ax.axhline(1 / 3, color="gray", ls="--", lw=1, label="uniform 1/3")
        z = self.logits()
        ax.set_ylim(0, 1.1)
        ax.set_ylabel(r"$\mathrm{softmax}(z/T)_k$")
        ax.set_title(rf"$z = ({z[0]:.1f}, {z[1]:.1f}, {z[2]:.1f})$, $T = {self.value('T'):.2f}$",
                     fontsize=10)
        ax.legend(loc="upper right", fontsize=9)


def softmax_demo(z: tuple[float, float, float] = (2.0, 1.0, 0.1), T: float = 1.0) -> None:
    """Show softmax(z / T) of three logits with sliders for each logit and the temperature
    ``T`` (notebook 05)."""
    _display(SoftmaxDemo(z, T))


#: Every demo by name, for tests and tools.
DEMOS: dict[str, Callable[..., None]] = {
    "sigmoid": sigmoid_demo,
    "decision_boundary": decision_boundary_demo,
    "odds": odds_demo,
    "softmax": softmax_demo,
}
