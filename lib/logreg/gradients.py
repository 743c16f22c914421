"""The lecture's three losses of a linear model :math:`z = Xw + b` and their gradients with
respect to the parameters: the one place these formulas are written.

The models train with them, the exercise checks take them as the reference, and the
notebooks compare their own hand-written versions with them.

>>> import numpy as np
>>> X, y = np.array([[1.0, 2.0], [-1.0, 0.5]]), np.array([1.0, 0.0])
>>> loss, grad_w, grad_b = logistic_loss_and_gradients(X, y, np.zeros(2), 0.0)
>>> round(loss, 4), grad_w, float(grad_b)      # at w = 0 every a = 0.5: loss = log 2
(0.6931, array([-0.5  , -0.375]), 0.0)
"""

from __future__ import annotations

import numpy as np

from ._validation import as_binary_labels, as_class_labels, as_float_array, check_same_length
from .activations import sigmoid, sigmoid_derivative
from .blas import matmul
from .losses import softplus

__all__ = [
    "hw2_loss_and_gradients",
    "logistic_loss_and_gradients",
    "softmax_loss_and_gradients",
]

Result = tuple[float, np.ndarray, np.ndarray]


# -- the formulas, on validated arrays (the models' training loop calls these directly) ---------

def _hw2(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray) -> Result:
    """HW2 neuron: MSE of :math:`a = \\sigma(z)`; chain rule
    :math:`\\partial L/\\partial z = -\\tfrac2n (y-a)\\,\\sigma'(z)`."""
    z = X @ w + b
    err = y - sigmoid(z)
    delta = -2.0 / X.shape[0] * err * sigmoid_derivative(z)
    return float(np.mean(err**2)), X.T @ delta, delta.sum()


def _logistic(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray) -> Result:
    """Mean NLL, evaluated as :math:`\\operatorname{softplus}(z) - yz`;
    :math:`\\partial L/\\partial z = (a - y)/n`."""
    z = X @ w + b
    delta = (sigmoid(z) - y) / X.shape[0]
    return float(np.mean(softplus(z) - y * z)), X.T @ delta, delta.sum()


def _softmax(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> Result:
    """Mean cross-entropy of :math:`P = \\operatorname{softmax}(XW + b)` for integer labels
    ``y``; :math:`\\partial L/\\partial Z = (P - Y)/n` with ``Y`` one-hot."""
    n = X.shape[0]
    # The two products with X, Z = X @ W here and X.T @ (P - Y) at the end, are nearly all of
    # the work: matmul computes each the way this machine does fastest (numpy's or torch's BLAS,
    # in either orientation), which changes nothing but the rounding.
    # Class-major (Fortran) order: the per-example max and sum over the K classes below
    # then run over contiguous memory, several times faster than along rows of length K.
    Z = np.asfortranarray(matmul(X, W))
    Z += b
    Z -= Z.max(axis=1, keepdims=True)  # softmax is shift-invariant; exp cannot overflow
    rows = np.arange(n)
    true_class_logit = Z[rows, y]
    np.exp(Z, out=Z)
    sums = Z.sum(axis=1)
    loss = float(np.mean(np.log(sums)) - np.mean(true_class_logit))  # log-sum-exp - z_y
    P = Z
    P /= sums[:, None]
    P[rows, y] -= 1.0  # P - Y with Y one-hot
    P /= n
    # The bias gradient sums over the examples only: summed over the classes as well, every
    # row of P - Y adds up to 0 and the bias never moves.
    return loss, matmul(X.T, P), P.sum(axis=0)


# -- the public, validated versions -------------------------------------------------------------

def _linear_inputs(X: object, w: object, b: object, w_ndim: int) -> tuple[np.ndarray, ...]:
    X = as_float_array(X, "X", ndim=2)
    w = as_float_array(w, "w", ndim=w_ndim)
    if w.shape[0] != X.shape[1]:
        raise ValueError(f"w must have {X.shape[1]} rows (one per feature of X), got shape {w.shape}")
    b = as_float_array(b, "b", ndim=w_ndim - 1)
    if w_ndim == 2 and b.shape != (w.shape[1],):
        raise ValueError(f"b must have shape ({w.shape[1]},) (one bias per class), got {b.shape}")
    return X, w, b


def _binary(X: object, y: object, w: object, b: object) -> tuple[np.ndarray, ...]:
    X, w, b = _linear_inputs(X, w, b, w_ndim=1)
    y = as_binary_labels(as_float_array(y, "y", ndim=1))
    check_same_length(X, y, "X", "y")
    return X, y, w, b


def _within_float_range(formula, X: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray,
                        w_name: str = "w") -> Result:
    """``formula(X, y, w, b)`` for finite, validated inputs whose product may still overflow:
    a net input beyond the float range is the caller's to fix, so it is named, not warned."""
    message = (f"X and {w_name} are too large together: the net input X @ {w_name} + b or its "
               f"gradient overflows {X.dtype}; scale X or {w_name} down")
    with np.errstate(over="ignore", invalid="ignore"):
        try:
            loss, grad_w, grad_b = formula(X, y, w, b)
        except ValueError as refusal:  # the inputs were validated: only z can be at fault
            raise ValueError(message) from refusal
    if not (np.isfinite(loss) and np.all(np.isfinite(grad_w)) and np.all(np.isfinite(grad_b))):
        raise ValueError(message)
    return loss, grad_w, grad_b


def hw2_loss_and_gradients(X: object, y: object, w: object, b: object) -> Result:
    r"""HW2 neuron (sigmoid + MSE): :math:`L = \frac1n\sum_i (y_i - \sigma(z_i))^2` and the
    vectorized slide's :math:`\nabla_w L = X^\top\big(-\tfrac2n (y-a)\odot\sigma'(z)\big)`,
    :math:`\partial L/\partial b = \sum_i -\tfrac2n (y_i-a_i)\,\sigma'(z_i)`.

    ``X`` (n, m), ``y`` (n,) in {0, 1}, ``w`` (m,), ``b`` a number. Returns
    ``(loss, grad_w, grad_b)``.
    """
    return _within_float_range(_hw2, *_binary(X, y, w, b))


def logistic_loss_and_gradients(X: object, y: object, w: object, b: object) -> Result:
    r"""Logistic regression: mean NLL :math:`L = -\frac1n\sum_i [y_i\log a_i + (1-y_i)\log(1-a_i)]`,
    :math:`\nabla_w L = \frac1n X^\top (a - y)`, :math:`\partial L/\partial b = \frac1n\sum_i(a_i-y_i)`.

    ``X`` (n, m), ``y`` (n,) in {0, 1}, ``w`` (m,), ``b`` a number. Finite for any logit.
    """
    return _within_float_range(_logistic, *_binary(X, y, w, b))


def softmax_loss_and_gradients(X: object, y: object, W: object, b: object) -> Result:
    r"""Softmax regression: mean cross-entropy, :math:`\nabla_W L = X^\top (P - Y)/n` and
    :math:`\nabla_b L = \sum_i (P - Y)_i / n` (over the examples only).

    ``X`` (n, m), ``y`` (n,) integer labels in [0, K), ``W`` (m, K), ``b`` (K,).

    >>> import numpy as np
    >>> loss, grad_W, grad_b = softmax_loss_and_gradients(
    ...     np.array([[1.0, 2.0]]), np.array([1]), np.zeros((2, 3)), np.zeros(3))
    >>> round(loss, 4), grad_b.round(4)              # P = 1/3 each: loss = log 3
    (1.0986, array([ 0.3333, -0.6667,  0.3333]))
    """
    X, W, b = _linear_inputs(X, W, b, w_ndim=2)
    y = as_class_labels(y, W.shape[1])
    check_same_length(X, y, "X", "y")
    return _within_float_range(_softmax, X, y, W, b, w_name="W")
