"""Activation functions of Lecture 08: the logistic sigmoid, its inverse (the
logit) and the softmax.

All functions take array-likes of any shape, return numpy arrays (float64
unless the input is already a floating type) and never emit overflow warnings:
each is written in a form that only ever exponentiates non-positive numbers.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_axis

__all__ = ["sigmoid", "sigmoid_derivative", "logit", "softmax", "log_softmax"]


def sigmoid(z: object) -> np.ndarray:
    r"""Logistic sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})` (slide "Logistic sigmoid").

    Evaluated as :math:`1/(1+e^{-|z|})` for ``z >= 0`` and
    :math:`e^{-|z|}/(1+e^{-|z|})` for ``z < 0``, so ``exp`` never overflows.
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z: object) -> np.ndarray:
    r"""Derivative :math:`\sigma'(z) = e^{-z}/(1+e^{-z})^2 = \sigma(z)(1-\sigma(z))`.

    The slide's first form is evaluated at :math:`|z|` (σ′ is even), which stays
    accurate where :math:`1-\sigma(z)` would round to zero.
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def logit(p: object) -> np.ndarray:
    r"""Log-odds :math:`\operatorname{logit}(p) = \log\frac{p}{1-p}`, the inverse of σ.

    ``p`` must lie in [0, 1]; the endpoints map to ∓inf, the exact limits.
    """
    p = as_float_array(p, "p")
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must contain probabilities in [0, 1]")
    with np.errstate(divide="ignore"):
        return np.log(p) - np.log1p(-p)


def _shifted_by_max(z: object, axis: object) -> tuple[np.ndarray, int]:
    """``z`` minus its maximum along ``axis`` (validated), and the axis. The softmax is
    shift-invariant and ``exp`` of the result cannot overflow; a difference beyond the float
    range rounds to -inf, whose ``exp`` is the 0 it stands for."""
    z = as_float_array(z, "z")
    axis = check_axis(axis, z, "z")
    with np.errstate(over="ignore"):
        return z - np.max(z, axis=axis, keepdims=True), axis


def log_softmax(z: object, axis: int = -1) -> np.ndarray:
    r"""Log of the softmax, :math:`z_i - \log\sum_j e^{z_j}` (log-sum-exp, max-shifted)."""
    shifted, axis = _shifted_by_max(z, axis)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax(z: object, axis: int = -1) -> np.ndarray:
    r"""Softmax :math:`\sigma(z)_i = e^{z_i} / \sum_j e^{z_j}` along ``axis`` (slide "Softmax").

    Shifted by the maximum first: the result is unchanged and ``exp`` never overflows.
    """
    shifted, axis = _shifted_by_max(z, axis)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
