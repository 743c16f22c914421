"""Exercise of notebook 01: the derivative of the sigmoid."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..activations import sigmoid, sigmoid_derivative
from ._common import STABLE_SIGMOID
from ._engine import run
from ._exercise import AUTOGRAD, Case, Exercise, Mistake, flipped


def _reference(z):
    return (sigmoid_derivative(z),)


def _cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("z = 0: σ′(0) = 0.25", {"z": np.array([0.0])}),
        Case("a single number (0-d array) z = 1", {"z": np.array(1.0)}),
        Case("small z", {"z": np.array([-2.0, -1.0, 0.0, 1.0, 2.0])}),
        Case("random z, shape (3, 4)", {"z": rng.normal(scale=4.0, size=(3, 4))}),
        Case("large |z| (must not overflow)",
             {"z": np.array([-1e4, -1e3, -40.0, 40.0, 1e3, 1e4]) * rng.uniform(0.5, 1.0)},
             large=True),
    ]


SIGMOID_DERIVATIVE = Exercise(
    "check_sigmoid_derivative", ("sigmoid_derivative",), _reference, _cases,
    (
        Mistake("returned σ(z) itself, not its derivative σ(z)(1 − σ(z))",
                lambda z: (sigmoid(z),)),
        Mistake("applied the formula to z instead of σ(z): computed z(1 − z), "
                "not σ(z)(1 − σ(z))", lambda z: (z * (1 - z),)),
        flipped("σ′(z) = σ(z)(1 − σ(z)) is positive", _reference),
        Mistake("missing the factor σ(z): returned 1 − σ(z) alone", lambda z: (1 - sigmoid(z),)),
    ),
    STABLE_SIGMOID,
    forbidden=(r"logreg\.activations\.sigmoid_derivative$", r"torch\..*sigmoid_backward$",
               *AUTOGRAD),
)


def check_sigmoid_derivative(fn: Callable[[np.ndarray], np.ndarray], seed: int | None = None) -> None:
    r"""Check ``fn(z)`` = :math:`\sigma'(z) = \sigma(z)(1-\sigma(z))` elementwise, for any
    shape and any finite z (notebook 01; slide "derivative of the sigmoid")."""
    run(SIGMOID_DERIVATIVE, fn, seed)
