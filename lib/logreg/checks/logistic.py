"""Exercises of notebook 03: the NLL gradient, predicted labels, and (transfer) the gradient
with an L2 penalty."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import gradients
from ..activations import sigmoid, sigmoid_derivative
from ._common import (
    LARGE_BINARY,
    MODEL_GRADIENTS,
    STABLE_SIGMOID,
    binary_case,
    binary_gradient_exercise,
    linear_gradient,
    parameter_gradients,
)
from ._engine import run
from ._exercise import SUM, Case, Exercise, Mistake

_reference = parameter_gradients(gradients._logistic)


def _variant(X, y, w, b, act=sigmoid, extra=lambda z: 1.0):
    return linear_gradient(X, w, b, lambda z: (act(z) - y) * extra(z))


LOGISTIC_GRADIENT = binary_gradient_exercise(
    "check_logistic_gradient", _reference,
    "used y − a (the slide's erratum: y − a is the negative gradient, "
    "the descent direction); ∂L/∂z = a − y",
    Mistake("extra σ′ factor: for the NLL it cancels, ∂L/∂z = a − y "
            "(no σ(z)(1 − σ(z)) as in the MSE gradient)",
            lambda X, y, w, b: _variant(X, y, w, b, extra=sigmoid_derivative)),
    Mistake("formula applied to z instead of σ(z): used z − y, but a = σ(z)",
            lambda X, y, w, b: _variant(X, y, w, b, act=lambda z: z)),
    Mistake("the bias b is missing from z = Xw + b",
            lambda X, y, w, b: _reference(X, y, w, 0.0)),
    Mistake("this is the MSE (HW2) gradient, not the NLL's",
            parameter_gradients(gradients._hw2)),
)


def check_logistic_gradient(fn: Callable[..., tuple], seed: int | None = None) -> None:
    r"""Check ``fn(X, y, w, b) -> (grad_w, grad_b)`` of the mean NLL of logistic regression:
    :math:`\nabla_w L = \frac1n X^\top(a - y)`, :math:`\partial L/\partial b = \frac1n\sum(a-y)`
    with :math:`a = \sigma(Xw + b)` (notebook 03)."""
    run(LOGISTIC_GRADIENT, fn, seed)


# --- predicted labels ---------------------------------------------------------------------------

def _z(X, w, b):
    return X @ w + b


def _predict_reference(X, w, b):
    return ((_z(X, w, b) > 0).astype(np.int64),)


def _predict_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(15, 25))
    return [
        Case("z = -2, -0.2, 0.3, 2 (w = 1, b = 0)",
             {"X": np.array([[-2.0], [-0.2], [0.3], [2.0]]), "w": np.array([1.0]), "b": 0.0}),
        Case("z = 0 exactly: σ(0) = 0.5 is not > 0.5",
             {"X": np.array([[0.0, 0.0], [1.0, -1.0], [-1.0, 0.0]]), "w": np.array([1.0, 1.0]),
              "b": 0.0}),
        Case("one example", {"X": np.array([[0.5, -1.0]]), "w": np.array([1.0, 1.0]), "b": 0.2}),
        Case(f"random, n = {n}, m = 3",
             {"X": rng.normal(size=(n, 3)), "w": rng.normal(size=3), "b": float(rng.normal())}),
        Case("large logits z = ±1000, ±10000",
             {"X": np.array([[10.0], [-10.0], [100.0], [-100.0]]), "w": np.array([100.0]),
              "b": 0.0}, large=True),
    ]


PREDICT_LABELS = Exercise(
    "check_predict_labels", ("labels",), _predict_reference, _predict_cases,
    (
        Mistake("thresholded z at 0.5: the rule is σ(z) > 0.5, which is z > 0",
                lambda X, w, b: ((_z(X, w, b) > 0.5).astype(np.int64),)),
        Mistake("used z ≥ 0 (or σ(z) ≥ 0.5): at z = 0, σ(z) = 0.5 is not greater than 0.5, "
                "so ŷ = 0", lambda X, w, b: ((_z(X, w, b) >= 0).astype(np.int64),)),
        Mistake("thresholded σ(z) at 0: σ(z) > 0 always holds; the rule is σ(z) > 0.5",
                lambda X, w, b: (np.ones(len(X), np.int64),)),
        Mistake("returned the probabilities σ(z), not labels: ŷ = 1 if σ(z) > 0.5 else 0",
                lambda X, w, b: (sigmoid(_z(X, w, b)),)),
        Mistake("returned the net input z, not labels: ŷ = 1 if z > 0 else 0",
                lambda X, w, b: (_z(X, w, b),)),
        Mistake("labels swapped: ŷ = 1 when z > 0, not when z < 0",
                lambda X, w, b: ((_z(X, w, b) < 0).astype(np.int64),)),
        Mistake("the bias b is missing from z = Xw + b",
                lambda X, w, b: ((_z(X, w, 0.0) > 0).astype(np.int64),)),
    ),
    "exp overflowed: compare z > 0 directly (σ(z) > 0.5 ⇔ z > 0), or use a stable sigmoid",
    forbidden=(r"logreg\.models\.",),
    integer=True,
)


def check_predict_labels(fn: Callable[..., np.ndarray], seed: int | None = None) -> None:
    r"""Check ``fn(X, w, b)`` returns integer labels :math:`\hat y = 1` if
    :math:`\sigma(Xw+b) > 0.5` (i.e. :math:`z > 0`) else 0, shape (n,) (notebook 03)."""
    run(PREDICT_LABELS, fn, seed)


# --- transfer: L2-penalised logistic regression --------------------------------------------------

def _l2_reference(X, y, w, b, lam):
    grad_w, grad_b = _reference(X, y, w, b)
    return grad_w + lam * w, grad_b


def _l2_cases(rng: np.random.Generator) -> list[Case]:
    def with_lam(case: Case, lam: float) -> Case:
        return Case(f"{case.name}, lam = {lam:.3g}", {**case.args, "lam": lam}, case.large)

    n = int(rng.integers(6, 12))
    return [
        Case("lam = 0: the plain NLL gradient", {**binary_case("", rng, 5, 2).args, "lam": 0.0}),
        Case("one example, z = 0, lam = 1", {"X": np.array([[1.0, 2.0]]), "y": np.array([1.0]),
                                             "w": np.array([0.5, -0.25]), "b": -1.0, "lam": 1.0}),
        with_lam(binary_case(f"random, n = {n}, m = 3", rng, n, 3), float(rng.uniform(0.1, 2))),
        with_lam(binary_case("random, n = 7, m = 2", rng, 7, 2, scale=2.0),
                 float(rng.uniform(0.01, 0.5))),
        with_lam(LARGE_BINARY, 0.1),
    ]


def _penalty(factor: float, on_bias: bool = False, per_example: bool = False):
    def wrong(X, y, w, b, lam):
        grad_w, grad_b = _reference(X, y, w, b)
        scale = factor * lam / (len(y) if per_example else 1)
        return grad_w + scale * w, grad_b + (lam * b if on_bias else 0.0)
    return wrong


L2_LOGISTIC_GRADIENT = Exercise(
    "check_l2_logistic_gradient", ("grad_w", "grad_b"), _l2_reference, _l2_cases,
    (
        Mistake("the bias is penalised too: the penalty (lam/2)·‖w‖² does not contain b, so "
                "grad_b is the plain NLL gradient", _penalty(1.0, on_bias=True)),
        Mistake("penalty gradient lam/2 · w: the derivative of (lam/2)·‖w‖² is lam · w",
                _penalty(0.5)),
        Mistake("penalty gradient 2 · lam · w: the loss has (lam/2)·‖w‖², whose derivative is "
                "lam · w", _penalty(2.0)),
        Mistake("penalty sign flipped: the penalty grows with ‖w‖, so its gradient is +lam · w",
                _penalty(-1.0)),
        Mistake("penalty divided by n: the penalty is added once to the mean NLL, not per "
                "example", _penalty(1.0, per_example=True)),
        Mistake("no penalty: this is the plain NLL gradient; add the gradient of (lam/2)·‖w‖²",
                lambda X, y, w, b, lam: _reference(X, y, w, b)),
        Mistake(SUM.replace("summed", "NLL part summed"),
                lambda X, y, w, b, lam: (len(y) * _reference(X, y, w, b)[0] + lam * w,
                                         len(y) * _reference(X, y, w, b)[1])),
    ),
    STABLE_SIGMOID,
    forbidden=MODEL_GRADIENTS,
)


def check_l2_logistic_gradient(fn: Callable[..., tuple], seed: int | None = None) -> None:
    r"""Check ``fn(X, y, w, b, lam) -> (grad_w, grad_b)`` of the mean NLL plus
    :math:`\frac{\lambda}{2}\|w\|^2`: :math:`\nabla_w = \frac1n X^\top(a - y) + \lambda w`,
    :math:`\partial/\partial b = \frac1n\sum(a - y)` (the bias is not penalised; notebook 03)."""
    run(L2_LOGISTIC_GRADIENT, fn, seed)
