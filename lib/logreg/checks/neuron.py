"""Exercise of notebook 02: the gradient of the HW2 neuron (sigmoid + MSE)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import gradients
from ..activations import sigmoid, sigmoid_derivative
from ._common import binary_gradient_exercise, linear_gradient, parameter_gradients
from ._engine import run
from ._exercise import Mistake

_reference = parameter_gradients(gradients._hw2)


def _variant(X, y, w, b, dsig=sigmoid_derivative, factor=2.0, divide=1.0):
    return linear_gradient(X, w, b, lambda z: -factor * (y - sigmoid(z)) * dsig(z) / divide)


HW2_GRADIENT = binary_gradient_exercise(
    "check_hw2_gradient", _reference,
    "∂L/∂a = −2(y − a); (y − a) without the minus is the descent "
    "direction, not the gradient",
    Mistake("divided by n twice (the HW2 template's erratum): the mean in "
            "L = (1/n) Σ (y − a)² contributes 1/n once; here n = {n}",
            lambda X, y, w, b: _variant(X, y, w, b, divide=len(y))),
    Mistake("missing the σ′ factor ∂a/∂z = σ(z)(1 − σ(z)) of the chain rule",
            lambda X, y, w, b: _variant(X, y, w, b, dsig=np.ones_like)),
    Mistake("σ′ evaluated at a = σ(z) instead of at z (σ′(a) = σ(a)(1 − σ(a)))",
            lambda X, y, w, b: _variant(X, y, w, b,
                                        dsig=lambda z: sigmoid_derivative(sigmoid(z)))),
    Mistake("missing the factor 2 of d(y − a)²/da = −2(y − a)",
            lambda X, y, w, b: _variant(X, y, w, b, factor=1.0)),
    Mistake("this is the logistic-regression (NLL) gradient (a − y); the MSE loss keeps "
            "the factor −2(y − a) and σ′",
            parameter_gradients(gradients._logistic)),
)


def check_hw2_gradient(fn: Callable[..., tuple], seed: int | None = None) -> None:
    r"""Check ``fn(X, y, w, b) -> (grad_w, grad_b)`` of the HW2 loss
    :math:`L = \frac1n\sum_i (y_i - \sigma(z_i))^2`, :math:`z = Xw + b`:
    :math:`\nabla_w L = X^\top\big(-\tfrac2n (y-a)\odot\sigma'(z)\big)` (notebook 02)."""
    run(HW2_GRADIENT, fn, seed)
