"""Losses of Lecture 08, each the mean over examples, with their gradients.

Every loss ``name(first, y)`` has a companion ``name_grad(first, y)`` that
returns the gradient of the loss with respect to ``first``, with its shape.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    as_array,
    as_binary_labels,
    as_class_labels,
    as_float_array,
    check_int,
    check_positive_number,
    check_same_shape,
)
from .activations import log_softmax, sigmoid, softmax

__all__ = [
    "mse",
    "mse_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "soft_margin_loss",
    "soft_margin_loss_grad",
    "cross_entropy",
    "cross_entropy_grad",
    "one_hot",
    "softplus",
]

# A loss whose true value lies beyond the float range is inf, as in torch: the sums and products
# below may overflow to inf without a warning (np.errstate(over="ignore")).

# torch.nn.functional.binary_cross_entropy clamps each log at -100; we do the same
# so that a probability of exactly 0 or 1 gives a large finite loss, as in torch.
_LOG_FLOOR = -100.0
_BCE_GRAD_EPS = 1e-12


def softplus(z: object) -> np.ndarray:
    r""":math:`\log(1+e^{z})`, evaluated as :math:`\max(z,0) + \log(1+e^{-|z|})` (no overflow)."""
    z = as_float_array(z, "z")
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _pair(first: object, y: object, first_name: str) -> tuple[np.ndarray, np.ndarray]:
    a = as_float_array(first, first_name)
    y = as_binary_labels(y)
    check_same_shape(a, y, first_name, "y")
    return a, y.astype(a.dtype)


def mse(a: object, y: object) -> np.ndarray:
    r"""Mean squared error :math:`L = \frac1n\sum_i (y^{[i]} - a^{[i]})^2` (HW2 neuron loss).

    ``y`` is any real target of ``a``'s shape (not only 0/1).
    """
    a = as_float_array(a, "a")
    y = as_float_array(y, "y")
    check_same_shape(a, y, "a", "y")
    with np.errstate(over="ignore"):
        return np.mean((y - a) ** 2)


def mse_grad(a: object, y: object) -> np.ndarray:
    r""":math:`\partial L/\partial a = -\frac2n (y - a)` (HW2 chain rule, first factor)."""
    a = as_float_array(a, "a")
    y = as_float_array(y, "y")
    check_same_shape(a, y, "a", "y")
    with np.errstate(over="ignore"):
        return (a - y) / (a.size / 2.0)  # = 2(a - y)/n, rounded once; overflows only if it must


def binary_cross_entropy(probas: object, y: object) -> np.ndarray:
    r"""Binary cross-entropy / NLL from probabilities,
    :math:`-\frac1n\sum_i [y\log a + (1-y)\log(1-a)]`.

    ``probas`` must lie in [0, 1]; as in torch, each log is clamped at -100.
    Prefer :func:`binary_cross_entropy_with_logits`, which is exact for any logit.
    """
    a, y = _pair(probas, y, "probas")
    if np.any((a < 0) | (a > 1)):
        raise ValueError("probas must contain probabilities in [0, 1]")
    with np.errstate(divide="ignore"):
        log_a = np.maximum(np.log(a), _LOG_FLOOR)
        log_1ma = np.maximum(np.log1p(-a), _LOG_FLOOR)
    return -np.mean(y * log_a + (1.0 - y) * log_1ma)


def binary_cross_entropy_grad(probas: object, y: object) -> np.ndarray:
    r""":math:`\partial L/\partial a = -\frac1n\left(\frac{y}{a} - \frac{1-y}{1-a}\right)
    = \frac{a-y}{n\,a(1-a)}` (denominator floored at 1e-12, as in torch)."""
    a, y = _pair(probas, y, "probas")
    if np.any((a < 0) | (a > 1)):
        raise ValueError("probas must contain probabilities in [0, 1]")
    return (a - y) / np.maximum(a * (1.0 - a), _BCE_GRAD_EPS) / a.size


def binary_cross_entropy_with_logits(logits: object, y: object, pos_weight: float = 1.0
                                     ) -> np.ndarray:
    r"""Binary cross-entropy from logits, :math:`\frac1n\sum_i [\operatorname{softplus}(z) - y z]`.

    Equal to the NLL :math:`-[y\log\sigma(z) + (1-y)\log(1-\sigma(z))]`, since
    :math:`-\log\sigma(z) = \operatorname{softplus}(-z)`; finite for every finite ``z``.
    ``pos_weight`` multiplies the positive examples' term, as torch's ``pos_weight`` does:
    :math:`-[p\,y\log\sigma(z) + (1-y)\log(1-\sigma(z))]`.

    >>> float(binary_cross_entropy_with_logits([0.0], [1]))          # log 2
    0.6931471805599453
    >>> float(binary_cross_entropy_with_logits([-1e4], [1]))         # no overflow
    10000.0
    """
    z, y = _pair(logits, y, "logits")
    p = _pos_weight(pos_weight, z.dtype)
    with np.errstate(over="ignore"):
        return np.mean(p * y * softplus(-z) + (1.0 - y) * softplus(z))


def binary_cross_entropy_with_logits_grad(logits: object, y: object, pos_weight: float = 1.0
                                          ) -> np.ndarray:
    r""":math:`\partial L/\partial z = \frac1n(\sigma(z) - y)`, i.e. :math:`a - y` per example
    (with ``pos_weight`` :math:`p`: :math:`\frac1n[(1-y)\sigma(z) - p\,y\,\sigma(-z)]`)."""
    z, y = _pair(logits, y, "logits")
    p = _pos_weight(pos_weight, z.dtype)
    return ((1.0 - y) * sigmoid(z) - p * y * sigmoid(-z)) / z.size


def _pos_weight(pos_weight: object, dtype: np.dtype) -> float:
    p = check_positive_number(pos_weight, "pos_weight")
    largest = float(np.finfo(dtype).max)
    if p > largest:
        raise ValueError(f"pos_weight must be at most {largest:g} for {dtype} logits, got {pos_weight!r}")
    return p


def soft_margin_loss(logits: object, y: object) -> np.ndarray:
    r"""The logistic loss for labels :math:`y \in \{-1, +1\}`:
    :math:`\frac1n\sum_i \log(1 + e^{-y_i z_i}) = \frac1n\sum_i\operatorname{softplus}(-y_i z_i)`,
    equal to the binary cross-entropy with labels :math:`(y+1)/2` (torch: ``soft_margin_loss``)."""
    z, y = _signed_pair(logits, y)
    with np.errstate(over="ignore"):
        return np.mean(softplus(-y * z))


def soft_margin_loss_grad(logits: object, y: object) -> np.ndarray:
    r""":math:`\partial L/\partial z_i = -\frac1n\, y_i\,\sigma(-y_i z_i)`."""
    z, y = _signed_pair(logits, y)
    return -y * sigmoid(-y * z) / z.size


def _signed_pair(logits: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    z = as_float_array(logits, "logits")
    y = as_float_array(y, "y")
    check_same_shape(z, y, "logits", "y")
    if not np.all(np.abs(y) == 1):
        raise ValueError("y must contain only -1 and +1 (for labels 0 and 1 use "
                         "binary_cross_entropy_with_logits)")
    return z, y.astype(z.dtype)


def one_hot(y: object, n_classes: int) -> np.ndarray:
    """One-hot encode integer labels ``y`` (shape (n,)) into an (n, n_classes) float array."""
    n_classes = check_int(n_classes, "n_classes", minimum=1)
    labels = as_class_labels(y, n_classes)
    out = np.zeros((labels.size, n_classes))
    out[np.arange(labels.size), labels] = 1.0
    return out


def _logits_and_targets(logits: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    z = as_float_array(logits, "logits", ndim=2)
    y_arr = as_array(y, "y")
    if y_arr.ndim == 2:
        targets = as_float_array(y_arr, "y")
        check_same_shape(z, targets, "logits", "y")
        if not (np.all((targets == 0) | (targets == 1)) and np.all(targets.sum(axis=1) == 1)):
            raise ValueError("y given as a 2-D array must be one-hot: each row one 1, rest 0")
    else:
        if y_arr.ndim != 1 or y_arr.shape[0] != z.shape[0]:
            raise ValueError(
                f"y must be integer labels of shape ({z.shape[0]},) or one-hot of shape "
                f"{z.shape}, got shape {y_arr.shape}"
            )
        targets = one_hot(y_arr, z.shape[1])
    return z, targets.astype(z.dtype)


def cross_entropy(logits: object, y: object, label_smoothing: float = 0.0) -> np.ndarray:
    r"""Multi-category cross-entropy from logits,
    :math:`\frac1n\sum_i\sum_k -y_k^{[i]}\log\operatorname{softmax}(z^{[i]})_k`.

    ``logits`` has shape (n, K); ``y`` is integer labels (n,) in [0, K) or one-hot (n, K).
    Uses log-softmax (log-sum-exp), so it is finite for every finite logit.
    ``label_smoothing`` :math:`\varepsilon \in [0, 1]` mixes the targets with the uniform
    distribution, :math:`(1-\varepsilon)\,y + \varepsilon/K`, as torch's ``label_smoothing``.

    >>> Z = [[-0.3, -0.5, -0.5], [-0.4, -0.1, -0.5], [-0.3, -0.94, -0.5], [-0.99, -0.88, -0.5]]
    >>> round(float(cross_entropy(Z, [0, 1, 2, 2])), 4)      # the lecture's example
    0.9335
    """
    z, targets = _logits_and_targets(logits, y)
    eps = _check_smoothing(label_smoothing)
    targets = (1.0 - eps) * targets + eps / z.shape[1]
    # A class with target 0 adds nothing, even where its log-probability rounded to -inf.
    log_p = np.where(targets > 0, log_softmax(z), 0.0)
    with np.errstate(over="ignore"):
        return -np.sum(targets * log_p) / z.shape[0]


def cross_entropy_grad(logits: object, y: object, label_smoothing: float = 0.0) -> np.ndarray:
    r""":math:`\partial L/\partial Z = (\operatorname{softmax}(Z) - Y)/n` (softmax regression),
    with ``Y`` the (smoothed) targets."""
    z, targets = _logits_and_targets(logits, y)
    eps = _check_smoothing(label_smoothing)
    targets = (1.0 - eps) * targets + eps / z.shape[1]
    return (softmax(z) - targets) / z.shape[0]


def _check_smoothing(eps: object) -> float:
    if isinstance(eps, bool) or not isinstance(eps, (int, float, np.integer, np.floating)) \
            or not 0.0 <= eps <= 1.0:
        raise ValueError(f"label_smoothing must be a number in [0, 1], got {eps!r}")
    return float(eps)
