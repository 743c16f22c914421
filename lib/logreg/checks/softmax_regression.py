"""Exercise of notebook 06: the gradient of softmax regression."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import gradients
from ..activations import softmax
from ._common import MODEL_GRADIENTS, parameter_gradients
from ._engine import run
from ._exercise import Case, Exercise, Mistake, flipped, summed
from .softmax import NO_SHIFT

_reference = parameter_gradients(gradients._softmax)


def _variant(X, y, W, b, act=lambda Z: softmax(Z, axis=1), targets=None, with_b=True):
    Z = X @ W + (b if with_b else 0.0)
    Y = np.eye(W.shape[1])[y] if targets is None else targets(y)
    G = (act(Z) - Y) / len(y)
    return X.T @ G, G.sum(axis=0)


def _cases(rng: np.random.Generator) -> list[Case]:
    def case(name: str, n: int, m: int, k: int) -> Case:
        return Case(name, {"X": rng.normal(size=(n, m)), "y": rng.permutation(np.arange(n) % k),
                           "W": rng.normal(size=(m, k)), "b": rng.normal(size=k)})

    n, m, k = int(rng.integers(5, 9)), int(rng.integers(2, 5)), int(rng.integers(3, 6))
    return [
        Case("one example, zero weights: P = 1/3 each",
             {"X": np.array([[1.0, 2.0]]), "y": np.array([1]), "W": np.zeros((2, 3)),
              "b": np.zeros(3)}),
        case(f"random, n = {n}, m = {m}, K = {k}", n, m, k),
        case("K = 2, n = 5, m = 2", 5, 2, 2),
        Case("large logits", {"X": np.array([[10.0, 0.0], [0.0, 10.0], [-10.0, 10.0]]),
                              "y": np.array([0, 2, 1]),
                              "W": np.array([[100.0, -100.0, 0.0], [0.0, 1000.0, 100.0]]),
                              "b": np.array([0.5, 0.0, -0.5])}, large=True),
    ]


SOFTMAX_REGRESSION_GRADIENT = Exercise(
    "check_softmax_regression_gradient", ("grad_W", "grad_b"), _reference, _cases,
    (
        Mistake("bias gradient summed over the classes too (all zeros: each row of P − Y sums "
                "to 0, so b never moves; the original notebook's bug): sum over the examples "
                "only, axis=0",
                detect=lambda case, i, got: i == 1 and got.dtype.kind in "biuf"
                and bool(np.allclose(got, 0.0, atol=1e-12))),
        flipped("used Y − P (the descent direction); ∂L/∂Z = (P − Y)/n", _reference),
        summed(_reference),
        Mistake("softmax normalised over the wrong axis: use axis=1 (the classes)",
                lambda X, y, W, b: _variant(X, y, W, b, act=lambda Z: softmax(Z, axis=0))),
        Mistake("used the logits Z instead of the probabilities P = softmax(Z)",
                lambda X, y, W, b: _variant(X, y, W, b, act=lambda Z: Z)),
        Mistake("subtracted the label y itself instead of its one-hot encoding Y",
                lambda X, y, W, b: _variant(X, y, W, b, targets=lambda y: y[:, None])),
        Mistake("the bias b is missing from Z = XW + b",
                lambda X, y, W, b: _variant(X, y, W, b, with_b=False)),
    ),
    NO_SHIFT,
    forbidden=(*MODEL_GRADIENTS, r"logreg\.losses\.cross_entropy", r"torch\..*(cross_entropy|nll_loss)"),
)


def check_softmax_regression_gradient(fn: Callable[..., tuple], seed: int | None = None) -> None:
    r"""Check ``fn(X, y, W, b) -> (grad_W, grad_b)`` of the mean cross-entropy of softmax
    regression: :math:`\nabla_W L = X^\top(P - Y)/n`, :math:`\nabla_b L = \sum_i (P-Y)_i/n`,
    :math:`P = \operatorname{softmax}(XW + b)` (notebook 06)."""
    run(SOFTMAX_REGRESSION_GRADIENT, fn, seed)
