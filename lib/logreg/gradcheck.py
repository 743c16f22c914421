"""Finite-difference gradient checking (central differences, relative error).

Used by the tests and the notebooks to confirm that a hand-derived gradient
matches the function it claims to differentiate.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._validation import as_float_array, check_positive_number, check_same_shape

__all__ = ["numerical_gradient", "relative_error", "check_gradient"]


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: object, eps: float = 1e-6
) -> np.ndarray:
    r"""Central differences :math:`\frac{f(x+\epsilon e_i) - f(x-\epsilon e_i)}{2\epsilon}`
    for every entry of ``x`` (float64); ``f`` maps an array of ``x``'s shape to a scalar."""
    eps = check_positive_number(eps, "eps")
    x = np.array(as_float_array(x, "x"), dtype=np.float64)
    grad = np.empty_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        f_plus = float(f(x))
        flat[i] = old - eps
        f_minus = float(f(x))
        flat[i] = old
        gflat[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a: object, b: object) -> float:
    r""":math:`\|a-b\| / \max(\|a\|+\|b\|, 10^{-12})` (Euclidean norms): 0 when equal, ~1 when unrelated.

    Norms rather than entry-wise ratios, so entries whose true value is ~0 do not turn
    finite-difference noise into a large error.
    """
    a = np.asarray(as_float_array(a, "a"), dtype=np.float64)
    b = np.asarray(as_float_array(b, "b"), dtype=np.float64)
    check_same_shape(a, b, "a", "b")
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad: Callable[[np.ndarray], np.ndarray],
    x: object,
    eps: float = 1e-6,
) -> float:
    """Relative error between the analytic ``grad(x)`` and central differences of ``f`` at ``x``.

    A correct gradient gives about 1e-8 or less in float64; a wrong one, about 1.
    """
    x = np.asarray(as_float_array(x, "x"), dtype=np.float64)
    return relative_error(grad(x.copy()), numerical_gradient(f, x, eps))
