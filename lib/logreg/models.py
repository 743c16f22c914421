"""Reference numpy implementations of the lecture's three trainable models.

* :class:`HW2Neuron` -- sigmoid activation trained with the MSE loss (the homework).
* :class:`LogisticRegression` -- sigmoid activation trained with the mean NLL.
* :class:`SoftmaxRegression` -- softmax activation trained with the mean cross-entropy.

All share one interface: ``Model(lr, epochs, batch_size=None, seed=0)``, zero
initialisation, plain gradient descent ``w -= lr * grad`` on the mean loss over
each (mini)batch, ``fit(X, y)`` returning ``self``, ``partial_fit(X, y)`` for one more
epoch, and the fitted ``w_``, ``b_`` and ``history_`` (the mean training loss seen during
each epoch, i.e. over the forward passes of its batches, before their updates).
``z = X @ w_ + b_``. The losses and gradients are those of :mod:`logreg.gradients`.
Training runs in float32 when ``X`` is float32 (then ``w_`` and ``b_`` are float32),
otherwise in float64.

>>> import numpy as np
>>> X, y = np.array([[-2.0], [-1.0], [1.0], [2.0]]), np.array([0, 0, 1, 1])
>>> model = LogisticRegression(lr=0.5, epochs=20).fit(X, y)
>>> model.predict(X), round(model.history_[0], 4)        # first epoch starts at log 2
(array([0, 0, 1, 1]), 0.6931)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import gradients
from ._validation import (
    as_binary_labels,
    as_class_labels,
    as_float_array,
    as_integer_labels,
    check_int,
    check_positive_number,
    check_same_length,
)
from .activations import sigmoid, softmax

__all__ = ["HW2Neuron", "LogisticRegression", "SoftmaxRegression"]

LossAndGradients = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
                            tuple[float, np.ndarray, np.ndarray]]


class _GradientDescentModel:
    """Gradient-descent training loop shared by the models below."""

    #: the loss and its gradients on validated arrays, from :mod:`logreg.gradients`
    _loss_and_gradients: LossAndGradients

    def __init__(
        self, lr: float = 0.1, epochs: int = 100, batch_size: int | None = None, seed: int = 0
    ) -> None:
        self.lr = check_positive_number(lr, "lr")
        self.epochs = check_int(epochs, "epochs", minimum=0)
        self.batch_size = check_int(batch_size, "batch_size", minimum=1, optional=True)
        self.seed = check_int(seed, "seed", minimum=0)

    # -- what each model defines -------------------------------------------------
    def _check_targets(self, y: object) -> np.ndarray:
        raise NotImplementedError

    def _zero_params(self, n_features: int, y: np.ndarray, dtype: type
                     ) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    # -- training -------------------------------------------------------------------
    def fit(self, X: object, y: object) -> _GradientDescentModel:
        """Train for ``epochs`` epochs from zero initialisation; returns ``self``."""
        self._forget()
        X, y = self._check_data(X, y)
        self._start(X, y)
        for _ in range(self.epochs):
            self._epoch(X, y)
        return self

    def partial_fit(self, X: object, y: object) -> _GradientDescentModel:
        """Train one more epoch from the current parameters (from zero initialisation on the
        first call); returns ``self``. ``k`` calls give the model that ``fit`` gives with
        ``epochs=k``."""
        X, y = self._check_data(X, y)
        if not hasattr(self, "w_"):
            self._start(X, y)
        self._epoch(X, y)
        return self

    def _forget(self) -> None:
        for fitted in ("w_", "b_", "history_", "n_classes_"):
            self.__dict__.pop(fitted, None)

    def _start(self, X: np.ndarray, y: np.ndarray) -> None:
        self.w_, self.b_ = self._zero_params(X.shape[1], y, X.dtype.type)
        self.history_: list[float] = []
        self._rng = np.random.default_rng(self.seed)

    def _check_data(self, X: object, y: object) -> tuple[np.ndarray, np.ndarray]:
        X = as_float_array(X, "X", ndim=2)
        if X.dtype != np.float32:
            # float32 data trains in float32: mixing in float64 parameters would make every
            # matrix product convert all of X to float64 first
            X = X.astype(np.float64, copy=False)
        if hasattr(self, "w_") and X.shape[1] != self.w_.shape[0]:
            raise ValueError(f"X must have {self.w_.shape[0]} features, got {X.shape[1]}")
        y = self._check_targets(y)
        check_same_length(X, y, "X", "y")
        return X, y.astype(X.dtype, copy=False) if y.dtype.kind == "f" else y

    def _epoch(self, X: np.ndarray, y: np.ndarray) -> None:
        """One epoch of :meth:`_descend`, appending its mean loss to ``history_``. Training that
        diverges (an lr too large) ends with a ValueError naming lr, and the model unfitted."""
        # Divergence shows as overflow: let it run into inf or NaN, or into a formula's refusal
        # of a net input z that overflowed, and report it by what to change.
        with np.errstate(over="ignore", invalid="ignore"):
            try:
                loss = self._descend(X, y)
            except ValueError as refusal:  # the data were validated: only z can be at fault
                self._diverged(refusal)
        if not (np.isfinite(loss) and np.all(np.isfinite(self.w_)) and np.all(np.isfinite(self.b_))):
            self._diverged()
        self.history_.append(loss)

    def _diverged(self, cause: Exception | None = None) -> None:
        epoch = len(self.history_) + 1
        self._forget()
        raise ValueError(f"training diverged at epoch {epoch}: the loss or the weights are no "
                         f"longer finite; lower lr (now {self.lr:g})") from cause

    def _descend(self, X: np.ndarray, y: np.ndarray) -> float:
        """One epoch, batch by batch (shuffled unless a batch covers every example), updating
        ``w_`` and ``b_`` in place; returns the epoch's mean loss."""
        n = X.shape[0]
        batch = n if self.batch_size is None else min(self.batch_size, n)
        order = np.arange(n) if batch == n else self._rng.permutation(n)
        total = 0.0
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            Xb, yb = (X, y) if batch == n else (X[idx], y[idx])
            loss, grad_w, grad_b = type(self)._loss_and_gradients(Xb, yb, self.w_, self.b_)
            self.w_ -= self.lr * grad_w
            self.b_ -= self.lr * grad_b
            total += loss * len(idx)
        return total / n

    # -- using the fitted model -----------------------------------------------------------
    def loss_and_gradients(
        self, X: object, y: object, w: object, b: object
    ) -> tuple[float, np.ndarray, np.ndarray]:
        """Mean loss over ``(X, y)`` at ``(w, b)`` and its gradients ``(dL/dw, dL/db)``."""
        raise NotImplementedError

    def decision_function(self, X: object) -> np.ndarray:
        """Net input ``z = X @ w_ + b_``."""
        if not hasattr(self, "w_"):
            raise ValueError(f"this {type(self).__name__} is not fitted yet: call fit(X, y) first")
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != self.w_.shape[0]:
            raise ValueError(f"X must have {self.w_.shape[0]} features, got {X.shape[1]}")
        with np.errstate(over="ignore", invalid="ignore"):
            z = X @ self.w_ + self.b_
        if not np.all(np.isfinite(z)):
            raise ValueError(f"X is too large for this model: X @ w_ + b_ overflows {z.dtype}")
        return z


class _BinaryModel(_GradientDescentModel):
    def _check_targets(self, y: object) -> np.ndarray:
        return as_binary_labels(as_float_array(y, "y", ndim=1))

    def _zero_params(self, n_features: int, y: np.ndarray, dtype: type
                     ) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(n_features, dtype), np.zeros((), dtype)

    def predict_proba(self, X: object) -> np.ndarray:
        r"""Probability of class 1, :math:`a = \sigma(w^\top x + b)`, shape (n,)."""
        return sigmoid(self.decision_function(X))

    def predict(self, X: object) -> np.ndarray:
        r"""Labels :math:`\hat y = 1` if :math:`\sigma(z) > 0.5`, i.e. if :math:`z > 0`."""
        return (self.decision_function(X) > 0).astype(np.int64)


class HW2Neuron(_BinaryModel):
    r"""Sigmoid neuron trained with the MSE loss :math:`\frac1n\sum (y-a)^2` (HW2);
    gradients :func:`logreg.gradients.hw2_loss_and_gradients`."""

    _loss_and_gradients = staticmethod(gradients._hw2)

    def loss_and_gradients(self, X, y, w, b):
        return gradients.hw2_loss_and_gradients(X, y, w, b)


class LogisticRegression(_BinaryModel):
    r"""Logistic regression trained with the mean negative log-likelihood;
    gradients :func:`logreg.gradients.logistic_loss_and_gradients` (:math:`a - y` per example)."""

    _loss_and_gradients = staticmethod(gradients._logistic)

    def loss_and_gradients(self, X, y, w, b):
        return gradients.logistic_loss_and_gradients(X, y, w, b)


class SoftmaxRegression(_GradientDescentModel):
    r"""Softmax (multinomial logistic) regression trained with the mean cross-entropy;
    gradients :func:`logreg.gradients.softmax_loss_and_gradients`.

    ``n_classes`` defaults to ``max(y) + 1`` at fit time (at least 2); labels must then
    be 0, 1, ..., K - 1 with every class present, so a stray large label is an error
    rather than a model with that many classes.
    """

    _loss_and_gradients = staticmethod(gradients._softmax)

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

    def _check_targets(self, y: object) -> np.ndarray:
        k = getattr(self, "n_classes_", self.n_classes)
        if k is not None:
            return as_class_labels(y, k)
        y = as_integer_labels(y, "y")
        if y.min() < 0:
            raise ValueError(f"y must contain class labels 0, 1, ..., K - 1, got {y.min():g}")
        present = np.unique(y)
        largest = present[-1]
        if largest != present.size - 1:  # sorted, distinct, non-negative: 0..K-1 or a gap
            first = np.setdiff1d(np.arange(min(largest, present.size + 5)), present)[:5]
            listed = ", ".join(f"{c:g}" for c in first) + (", ..." if largest - present.size >= 5 else "")
            raise ValueError(
                f"y must contain every class from 0 to its largest label {largest:g}, but misses "
                f"{largest + 1 - present.size:g} of them ({listed}); pass n_classes if the model "
                "should have them anyway")
        return y.astype(np.int64)

    def _zero_params(self, n_features: int, y: np.ndarray, dtype: type
                     ) -> tuple[np.ndarray, np.ndarray]:
        self.n_classes_ = self.n_classes or max(int(y.max()) + 1, 2)
        return np.zeros((n_features, self.n_classes_), dtype), np.zeros(self.n_classes_, dtype)

    def loss_and_gradients(self, X, y, W, b):
        return gradients.softmax_loss_and_gradients(X, y, W, b)

    def predict_proba(self, X: object) -> np.ndarray:
        """Class probabilities ``softmax(X @ w_ + b_)``, shape (n, K)."""
        return softmax(self.decision_function(X))

    def predict(self, X: object) -> np.ndarray:
        """The most probable class (argmax of the logits), shape (n,)."""
        return np.argmax(self.decision_function(X), axis=1)
