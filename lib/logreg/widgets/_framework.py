"""The machinery every classroom demo shares: sliders -> numbers -> readout and figure.

A demo (a subclass of :class:`Demo`) defines :meth:`Demo.compute` (the numbers, returned as
the readout sentence) and :meth:`Demo.draw` (the figure). The displayed widget's MIME bundle
holds three things:

* ``application/vnd.jupyter.widget-view+json`` -- the live sliders, readout and figure
  (JupyterLab shows this while a kernel runs);
* ``image/png`` -- the figure at the current values, for every viewer without a kernel
  (static HTML, slides, GitHub), with a text alternative (``alt`` in its metadata);
* ``text/plain`` -- a sentence with the numbers at the current values (what strict nbval
  compares: no memory address, no widget id, the same on every run).

The live figure is an :class:`ipywidgets.Image` re-rendered by matplotlib's Agg backend in the
classroom style (:mod:`logreg.style`), never through pyplot, so nothing else is echoed.
"""

from __future__ import annotations

import base64

import ipywidgets as widgets
import matplotlib as mpl
from matplotlib.figure import Figure

from ..style import RC, _png

__all__ = ["Demo", "slider", "log_slider", "show_demo", "WIDGET_VIEW"]

#: The MIME type of a live widget view (tools strip it for static renderings).
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_FIGSIZE = (8.0, 4.5)
_STYLE = {"description_width": "initial"}
_SLIDER_LAYOUT = {"width": "480px"}


def slider(description: str, value: float, lo: float, hi: float, step: float = 0.1,
           fmt: str = ".1f") -> widgets.FloatSlider:
    """A labelled slider that updates while dragged."""
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                               readout_format=fmt, continuous_update=True, style=_STYLE,
                               layout=_SLIDER_LAYOUT)


def log_slider(description: str, value: float, lo_exp: float, hi_exp: float,
               step: float = 0.01, fmt: str = ".3g") -> widgets.FloatLogSlider:
    """A slider over ``10**lo_exp .. 10**hi_exp`` on a log scale."""
    return widgets.FloatLogSlider(value=value, base=10, min=lo_exp, max=hi_exp, step=step,
                                  description=description, readout_format=fmt, style=_STYLE,
                                  layout=_SLIDER_LAYOUT)


class _DemoBox(widgets.VBox):
    """The VBox a demo displays. Its MIME bundle adds the static PNG with its text alternative
    and replaces the ``text/plain`` repr (which would list every child widget)."""

    def __init__(self, demo: Demo, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._demo = demo

    def __repr__(self) -> str:
        return self._demo.summary()

    def _repr_mimebundle_(self, **kwargs: object) -> tuple[dict, dict]:
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self._demo.summary()
        data["image/png"] = base64.b64encode(self._demo.png).decode("ascii")
        return data, {"image/png": {"alt": self._demo.alt()}}


class Demo:
    """Shared machinery: sliders -> :meth:`compute` -> readout text + re-rendered figure."""

    #: What the figure shows, in words (the start of its text alternative).
    description = "An interactive figure."

    def __init__(self, sliders: dict[str, widgets.ValueWidget]) -> None:
        self.sliders = sliders
        self.readout = widgets.HTML()
        self.image = widgets.Image(format="png")
        self.text = ""
        self.png = b""
        self.renders = 0
        #: the matplotlib Figure behind the live image (redrawn on every change)
        with mpl.rc_context(RC):
            self.figure = Figure(figsize=_FIGSIZE, layout="constrained")
        self.widget = _DemoBox(self, children=[*sliders.values(), self.readout, self.image])
        for s in sliders.values():
            s.observe(self._on_change, names="value")
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

    def alt(self) -> str:
        """The figure's text alternative: what it shows, and the numbers at the current values."""
        return f"{self.description} At the current slider values: {self.text}"

    def _on_change(self, change: dict) -> None:
        self.update()

    def update(self) -> None:
        """Recompute, rewrite the readout and re-render the figure."""
        self.text = self.compute()
        with mpl.rc_context(RC):
            self.figure.clear()
            self.draw(self.figure)
            self.png = _png(self.figure)
        self.image.value = self.png
        self.readout.value = f"<code>{self.text}</code>"
        self.renders += 1


def show_demo(demo: Demo) -> None:
    """Display ``demo``'s widget (the ``*_demo`` functions' last step)."""
    from IPython.display import display

    display(demo.widget)
