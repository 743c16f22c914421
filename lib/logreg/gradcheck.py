"""Finite-difference gradient checking (central differences, relative error).

Used by the tests and the notebooks to confirm that a hand-derived gradient
matches the function it claims to differentiate.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._validation import as_float_array, check_positive_number, check_same_shape, exact_scale

__all__ = ["numerical_gradient", "relative_error", "check_gradient"]

#: The denominator's floor: arrays both about 0 are not compared relative to their size.
_FLOOR = 1e-12


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: object, eps: float = 1e-6
) -> np.ndarray:
    r"""Central differences :math:`\frac{f(x+\epsilon e_i) - f(x-\epsilon e_i)}{2\epsilon}`
    for every entry of ``x`` (float64); ``f`` maps an array of ``x``'s shape to a scalar."""
    eps = check_positive_number(eps, "eps")
    x = np.array(as_float_array(x, "x"), dtype=np.float64)  # a copy, perturbed in place below
    with np.errstate(over="ignore"):
        plus, minus = x + eps, x - eps
    if not (np.all(np.isfinite(plus)) and np.all(np.isfinite(minus))):
        raise ValueError(f"eps={eps:g} is too large for x: x + eps or x - eps overflows float64")
    if np.any(plus == minus):
        raise ValueError(f"eps={eps:g} is too small for x: x + eps == x - eps for an entry of "
                         f"magnitude {np.abs(x[plus == minus]).max():g}")
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):  # indices, not a flattened view: any memory layout works
        old = x[i]
        x[i] = plus[i]
        f_plus = _value(f, x)
        x[i] = minus[i]
        f_minus = _value(f, x)
        x[i] = old
        with np.errstate(over="ignore"):
            grad[i] = (f_plus - f_minus) / (2.0 * eps)
    if not np.all(np.isfinite(grad)):
        raise ValueError(f"f changes too fast for eps={eps:g}: a finite difference overflows float64")
    return grad


def _value(f: Callable[[np.ndarray], float], x: np.ndarray) -> float:
    value = as_float_array(f(x), "f(x)")
    if value.size != 1:
        raise ValueError(f"f(x) must be a number, got shape {value.shape}")
    return float(value.reshape(()))


def relative_error(a: object, b: object) -> float:
    r""":math:`\|a-b\| / \max(\|a\|+\|b\|, 10^{-12})` (Euclidean norms): 0 when equal, ~1 when unrelated.

    Norms rather than entry-wise ratios, so entries whose true value is ~0 do not turn
    finite-difference noise into a large error.
    """
    a = np.asarray(as_float_array(a, "a"), dtype=np.float64)
    b = np.asarray(as_float_array(b, "b"), dtype=np.float64)
    check_same_shape(a, b, "a", "b")
    return _relative_error(a, b)


def _relative_error(a: np.ndarray, b: np.ndarray) -> float:
    # Computed on a and b divided by a power of two near their largest entry: the same numbers,
    # but the squares inside the norms can neither overflow (1e155) nor underflow (1e-170).
    scale = float(exact_scale(max(np.abs(a).max(), np.abs(b).max())))
    a, b = a / scale, b / scale
    difference, size = float(np.linalg.norm(a - b)), float(np.linalg.norm(a) + np.linalg.norm(b))
    if size * scale >= _FLOOR:
        return difference / size
    return difference * scale / _FLOOR


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
    analytic = np.asarray(as_float_array(grad(x.copy()), "grad(x)"), dtype=np.float64)
    if analytic.shape != x.shape:
        raise ValueError(f"grad(x) must have the shape of x, {x.shape}, got {analytic.shape}")
    return _relative_error(analytic, numerical_gradient(f, x, eps))
