"""Self-checks for the notebooks' exercises: ``check_<name>(fn)`` runs a student's function.

Each check calls ``fn`` on small hand-checkable cases, fresh random cases and edge cases
(large logits, a single example, K = 2), compares every output with the package's own
formula, and either prints one line (``check_softmax: all 8 cases passed``) or raises
``AssertionError`` naming the likely mistake (sign flipped, sum instead of mean, missing σ′,
overflow, wrong axis, ...) with the case's input, the expected and the received values, and
the seed that reruns it. :mod:`logreg.checks._engine` says how checks resist gaming.

One module per notebook holds its exercises, each as data (an :class:`Exercise`, which
:func:`run` checks a function against):

====  =========================================================================================
01    :func:`check_sigmoid_derivative` ``(z)``
02    :func:`check_hw2_gradient` ``(X, y, w, b) -> (grad_w, grad_b)``
03    :func:`check_logistic_gradient` ``(X, y, w, b)``, :func:`check_predict_labels`
      ``(X, w, b)``, :func:`check_l2_logistic_gradient` ``(X, y, w, b, lam)``
04    :func:`check_bce_with_logits` ``(z, y)``, :func:`check_pm1_logistic_gradient` ``(z, y)``,
      :func:`check_weighted_bce_with_logits` ``(z, y, pos_weight)``
05    :func:`check_softmax` ``(Z)``, :func:`check_cross_entropy` ``(Z, y)``,
      :func:`check_label_smoothing_cross_entropy` ``(Z, y, eps)``
06    :func:`check_softmax_regression_gradient` ``(X, y, W, b) -> (grad_W, grad_b)``
====  =========================================================================================

X is (n, m), w (m,), b a number, y labels (n,); softmax W is (m, K), b (K,). Losses are means
over the examples; gradients have the shapes of the parameters.

>>> import numpy as np
>>> check_softmax(lambda Z: np.exp(Z - Z.max(1, keepdims=True))
...               / np.exp(Z - Z.max(1, keepdims=True)).sum(1, keepdims=True))
check_softmax: all 8 cases passed
"""

from ._engine import run
from ._exercise import Exercise
from .logistic import (
    L2_LOGISTIC_GRADIENT,
    LOGISTIC_GRADIENT,
    PREDICT_LABELS,
    check_l2_logistic_gradient,
    check_logistic_gradient,
    check_predict_labels,
)
from .logits import (
    BCE_WITH_LOGITS,
    PM1_LOGISTIC_GRADIENT,
    WEIGHTED_BCE_WITH_LOGITS,
    check_bce_with_logits,
    check_pm1_logistic_gradient,
    check_weighted_bce_with_logits,
)
from .neuron import HW2_GRADIENT, check_hw2_gradient
from .sigmoid import SIGMOID_DERIVATIVE, check_sigmoid_derivative
from .softmax import (
    CROSS_ENTROPY,
    LABEL_SMOOTHING,
    SOFTMAX,
    check_cross_entropy,
    check_label_smoothing_cross_entropy,
    check_softmax,
)
from .softmax_regression import SOFTMAX_REGRESSION_GRADIENT, check_softmax_regression_gradient

#: Every exercise by the name of its check, in lecture order (for tests and tools).
EXERCISES: dict[str, Exercise] = {ex.check: ex for ex in (
    SIGMOID_DERIVATIVE, HW2_GRADIENT, LOGISTIC_GRADIENT, PREDICT_LABELS, L2_LOGISTIC_GRADIENT,
    BCE_WITH_LOGITS, PM1_LOGISTIC_GRADIENT, WEIGHTED_BCE_WITH_LOGITS, SOFTMAX, CROSS_ENTROPY,
    LABEL_SMOOTHING, SOFTMAX_REGRESSION_GRADIENT,
)}

__all__ = [
    "check_sigmoid_derivative",
    "check_hw2_gradient",
    "check_logistic_gradient",
    "check_predict_labels",
    "check_l2_logistic_gradient",
    "check_bce_with_logits",
    "check_pm1_logistic_gradient",
    "check_weighted_bce_with_logits",
    "check_softmax",
    "check_cross_entropy",
    "check_label_smoothing_cross_entropy",
    "check_softmax_regression_gradient",
    "EXERCISES",
    "Exercise",
    "run",
]
