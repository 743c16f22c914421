"""Reference numpy implementations of the lecture's three trainable models.

* :class:`HW2Neuron` -- sigmoid activation trained with the MSE loss (the homework).
* :class:`LogisticRegression` -- sigmoid activation trained with the mean NLL.
* :class:`SoftmaxRegression` -- softmax activation trained with the mean cross-entropy.

All share one interface: ``Model(lr, epochs, batch_size=None, seed=0)``, zero
initialisation, plain gradient descent ``w -= lr * grad`` on the mean loss over
each (mini)batch, ``fit(X, y)`` returning ``self``, and the fitted ``w_``, ``b_``
and ``history_`` (the mean training loss seen during each epoch, i.e. over the
forward passes of its batches, before their updates). ``z = X @ w_ + b_``.
Training runs in float32 when ``X`` is float32 (then ``w_`` and ``b_`` are float32),
otherwise in float64. The notebooks write each model out by hand and check that it
agrees with these.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    as_binary_labels,
    as_class_labels,
    as_float_array,
    check_int,
    check_positive_number,
    check_same_length,
)
from .activations import sigmoid, sigmoid_derivative, softmax
from .losses import softplus

__all__ = ["HW2Neuron", "LogisticRegression", "SoftmaxRegression"]


class _GradientDescentModel:
    """Gradient-descent training loop shared by the models below."""

    def __init__(
        self, lr: float = 0.1, epochs: int = 100, batch_size: int | None = None, seed: int = 0
    ) -> None:
        self.lr = check_positive_number(lr, "lr")
        self.epochs = check_int(epochs, "epochs", minimum=0)
        self.batch_size = check_int(batch_size, "batch_size", minimum=1, optional=True)
        self.seed = check_int(seed, "seed", minimum=0)

    # -- what each model defines -------------------------------------------------
    def _check_targets(self, y: object, n: int, dtype: type) -> np.ndarray:
        raise NotImplementedError

    def _init_params(
        self, n_features: int, y: np.ndarray, dtype: type
    ) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def loss_and_gradients(
        self, X: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray
    ) -> tuple[float, np.ndarray, np.ndarray]:
        """Mean loss over ``(X, y)`` at ``(w, b)`` and its gradients ``(dL/dw, dL/db)``."""
        raise NotImplementedError

    def decision_function(self, X: object) -> np.ndarray:
        """Net input ``z = X @ w_ + b_``."""
        X = self._check_X(X)
        return X @ self.w_ + self.b_

    # -- shared machinery ---------------------------------------------------------
    def _check_X(self, X: object) -> np.ndarray:
        X = as_float_array(X, "X", ndim=2)
        if hasattr(self, "w_") and X.shape[1] != self.w_.shape[0]:
            raise ValueError(f"X must have {self.w_.shape[0]} features, got {X.shape[1]}")
        return X

    def fit(self, X: object, y: object) -> _GradientDescentModel:
        """Train from zero initialisation; returns ``self``."""
        X, y, w, b = self._prepare(X, y)
        n = X.shape[0]
        batch = n if self.batch_size is None else min(self.batch_size, n)
        rng = np.random.default_rng(self.seed)
        self.history_ = [self._run_epoch(X, y, w, b, batch, rng) for _ in range(self.epochs)]
        self.w_, self.b_ = w, b
        return self

    def _prepare(
        self, X: object, y: object
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Validated ``X`` and ``y`` and the zero-initialised ``w`` and ``b`` that :meth:`fit`
        starts from."""
        X = as_float_array(X, "X", ndim=2)
        # float32 data trains in float32: mixing in float64 parameters would make every
        # matrix product convert all of X to float64 first
        dtype = np.float32 if X.dtype == np.float32 else np.float64
        y = self._check_targets(y, X.shape[0], dtype)
        check_same_length(X, y, "X", "y")
        w, b = self._init_params(X.shape[1], y, dtype)
        return X, y, w, b

    def _run_epoch(
        self,
        X: np.ndarray,
        y: np.ndarray,
        w: np.ndarray,
        b: np.ndarray,
        batch: int,
        rng: np.random.Generator,
    ) -> float:
        """One epoch of what :meth:`fit` does: update ``w`` and ``b`` in place, batch by
        batch (shuffled with ``rng`` unless ``batch`` covers all examples), and return the
        mean loss over the epoch's forward passes. Takes validated arrays."""
        n = X.shape[0]
        order = np.arange(n) if batch == n else rng.permutation(n)
        total = 0.0
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            Xb, yb = (X, y) if batch == n else (X[idx], y[idx])
            loss, grad_w, grad_b = self.loss_and_gradients(Xb, yb, w, b)
            w -= self.lr * grad_w
            b -= self.lr * grad_b
            total += loss * len(idx)
        return total / n


class _BinaryModel(_GradientDescentModel):
    def _check_targets(self, y: object, n: int, dtype: type) -> np.ndarray:
        return as_binary_labels(as_float_array(y, "y", ndim=1)).astype(dtype, copy=False)

    def _init_params(
        self, n_features: int, y: np.ndarray, dtype: type
    ) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(n_features, dtype), np.zeros((), dtype)

    def predict_proba(self, X: object) -> np.ndarray:
        r"""Probability of class 1, :math:`a = \sigma(w^\top x + b)`, shape (n,)."""
        return sigmoid(self.decision_function(X))

    def predict(self, X: object) -> np.ndarray:
        r"""Labels :math:`\hat y = 1` if :math:`\sigma(z) > 0.5`, i.e. if :math:`z > 0`."""
        return (self.decision_function(X) > 0).astype(np.int64)


class HW2Neuron(_BinaryModel):
    r"""Sigmoid neuron trained with the MSE loss :math:`\frac1n\sum (y-a)^2` (HW2).

    Gradient (vectorized slide): :math:`\nabla_w L = X^\top\big(-\tfrac2n (y-a)\odot\sigma'(z)\big)`.
    """

    def loss_and_gradients(self, X, y, w, b):
        z = X @ w + b
        a = sigmoid(z)
        err = y - a
        delta = -2.0 / X.shape[0] * err * sigmoid_derivative(z)
        return float(np.mean(err**2)), X.T @ delta, delta.sum()


class LogisticRegression(_BinaryModel):
    r"""Logistic regression trained with the mean negative log-likelihood.

    Per example :math:`\partial L/\partial z = a - y`, so
    :math:`\nabla_w L = \frac1n X^\top (a - y)` and :math:`\partial L/\partial b = \frac1n\sum(a-y)`.
    The loss is evaluated as :math:`\operatorname{softplus}(z) - yz`, finite for any logit.
    """

    def loss_and_gradients(self, X, y, w, b):
        z = X @ w + b
        delta = (sigmoid(z) - y) / X.shape[0]
        loss = float(np.mean(softplus(z) - y * z))
        return loss, X.T @ delta, delta.sum()


class SoftmaxRegression(_GradientDescentModel):
    r"""Softmax (multinomial logistic) regression trained with the mean cross-entropy.

    :math:`P = \operatorname{softmax}(XW + b)`, :math:`\partial L/\partial Z = (P - Y)/n`,
    :math:`\nabla_W L = X^\top (P-Y)/n`, :math:`\nabla_b L = \sum_i (P-Y)_i / n`
    (summed over examples only; summing over classes too gives 0, the original notebook's bug).

    ``n_classes`` defaults to ``max(y) + 1`` at fit time.
    """

    def __init__(
        self,
        lr: float = 0.1,
        epochs: int = 100,
        batch_size: int | None = None,
        seed: int = 0,
        n_classes: int | None = None,
    ) -> None:
        super().__init__(lr=lr, epochs=epochs, batch_size=batch_size, seed=seed)
        self.n_classes = check_int(n_classes, "n_classes", minimum=2, optional=True)

    def _check_targets(self, y: object, n: int, dtype: type) -> np.ndarray:
        y = as_float_array(y, "y", ndim=1)
        k = self.n_classes if self.n_classes is not None else max(int(y.max()) + 1, 2)
        return as_class_labels(y, k)

    def _init_params(
        self, n_features: int, y: np.ndarray, dtype: type
    ) -> tuple[np.ndarray, np.ndarray]:
        k = self.n_classes if self.n_classes is not None else max(int(y.max()) + 1, 2)
        self.n_classes_ = k
        return np.zeros((n_features, k), dtype), np.zeros(k, dtype)

    def loss_and_gradients(self, X, y, w, b):
        n = X.shape[0]
        # Class-major (Fortran) order: the per-example max and sum over the K classes below
        # then run over contiguous memory, several times faster than along rows of length K.
        Z = np.asfortranarray(X @ w)
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
        return loss, X.T @ P, P.sum(axis=0)

    def predict_proba(self, X: object) -> np.ndarray:
        """Class probabilities ``softmax(X @ w_ + b_)``, shape (n, K)."""
        return softmax(self.decision_function(X))

    def predict(self, X: object) -> np.ndarray:
        """The most probable class (argmax of the logits), shape (n,)."""
        return np.argmax(self.decision_function(X), axis=1)
