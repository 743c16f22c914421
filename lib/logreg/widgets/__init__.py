"""Interactive classroom demos (ipywidgets 8): drag a slider, the figure follows.

* :func:`sigmoid_demo` -- :math:`\\sigma(w z + b)` with sliders ``w`` and ``b`` (notebook 01)
* :func:`decision_boundary_demo` -- 2-D data and the line :math:`w_1x_1 + w_2x_2 + b = 0`,
  with the mean NLL and the accuracy (notebook 03)
* :func:`odds_demo` -- probability <-> odds <-> logit converter (notebook 04)
* :func:`softmax_demo` -- softmax of three logits with a temperature ``T`` (notebook 05)

Each function displays its demo and returns ``None``; the classes behind them
(:class:`SigmoidDemo`, ...) build the same widgets without displaying anything, which is what
the tests drive. :mod:`logreg.widgets._framework` is the machinery they share (and the place
to start a new demo).
"""

from collections.abc import Callable

from ._framework import WIDGET_VIEW, Demo
from .decision_boundary import DecisionBoundaryDemo, decision_boundary_demo
from .odds import OddsDemo, odds_demo
from .sigmoid import SigmoidDemo, sigmoid_demo
from .softmax import SoftmaxDemo, softmax_demo

__all__ = [
    "sigmoid_demo",
    "decision_boundary_demo",
    "odds_demo",
    "softmax_demo",
    "SigmoidDemo",
    "DecisionBoundaryDemo",
    "OddsDemo",
    "SoftmaxDemo",
    "Demo",
    "DEMOS",
    "WIDGET_VIEW",
]

#: Every demo by name, for tests and tools.
DEMOS: dict[str, Callable[..., None]] = {
    "sigmoid": sigmoid_demo,
    "decision_boundary": decision_boundary_demo,
    "odds": odds_demo,
    "softmax": softmax_demo,
}
