"""Cases and messages that several exercises share."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._exercise import AUTOGRAD, Case, Exercise, Mistake, flipped, summed

STABLE_SIGMOID = ("exp overflowed: evaluate σ stably (exponentiate only −|z|, as in the "
                  "notebook's sigmoid; np.where still evaluates both branches)")

#: A gradient exercise must not take its answer from the package's models or gradients.
MODEL_GRADIENTS = (r"logreg\.gradients\.", r"logreg\.models\.", *AUTOGRAD)

#: The original cross-entropy notebook's logits.
Z_LECTURE = np.array([[-0.3, -0.5, -0.5], [-0.4, -0.1, -0.5], [-0.3, -0.94, -0.5],
                      [-0.99, -0.88, -0.5]])


LARGE_BINARY = Case("large logits z = ±1000, ±10000", {
    "X": np.array([[10.0, 0.0], [0.0, -10.0], [100.0, 0.0], [0.0, 2.0]]),
    "y": np.array([0.0, 1.0, 1.0, 1.0]), "w": np.array([100.0, 100.0]), "b": 0.0}, large=True)


def parameter_gradients(loss_and_gradients: Callable[..., tuple]) -> Callable[..., tuple]:
    """A gradient exercise's reference: the package's ``(loss, grad_w, grad_b)`` formula
    without the loss."""
    return lambda *args, **kwargs: loss_and_gradients(*args, **kwargs)[1:]


def linear_gradient(X, w, b, dL_dz) -> tuple:
    """How a per-example ``dL_dz(z)`` at :math:`z = Xw + b` becomes the gradient of the mean
    loss: :math:`(X^\top\\delta, \\sum_i\\delta_i)` with :math:`\\delta = \\partial L/\\partial z / n`.
    The mistakes of the gradient exercises are wrong ``dL_dz``\\ s fed through it."""
    delta = dL_dz(X @ w + b) / X.shape[0]
    return X.T @ delta, delta.sum()


def binary_case(name: str, rng: np.random.Generator, n: int, m: int, scale: float = 1.0) -> Case:
    """Random X (n, m), labels y in {0, 1}, weights w and a bias b."""
    return Case(name, {"X": rng.normal(size=(n, m)), "y": rng.integers(0, 2, n).astype(float),
                       "w": scale * rng.normal(size=m), "b": float(rng.normal())})


def binary_cases(rng: np.random.Generator) -> list[Case]:
    """A hand-checkable case, random ones of fresh sizes, and logits of ±1000 and ±10000."""
    n1, n2 = (int(k) for k in rng.integers(5, 12, size=2))
    return [
        Case("one example, zero weights: z = 0, a = 0.5",
             {"X": np.array([[1.0, 2.0]]), "y": np.array([1.0]), "w": np.zeros(2), "b": 0.0}),
        binary_case(f"random, n = {n1}, m = 3", rng, n1, 3),
        binary_case(f"random, n = {n2}, m = 2", rng, n2, 2, scale=2.0),
        binary_case("one random example", rng, 1, 4),
        LARGE_BINARY,
    ]


def binary_gradient_exercise(check: str, reference: Callable[..., tuple], sign: str,
                             *mistakes: Mistake) -> Exercise:
    """An exercise asking for ``fn(X, y, w, b) -> (grad_w, grad_b)`` of a binary model's mean
    loss, on :func:`binary_cases`: besides its own ``mistakes`` it knows the flipped sign
    (explained by ``sign``) and the sum for the mean; σ must be stable, and the package's
    models and gradients are off limits."""
    return Exercise(check, ("grad_w", "grad_b"), reference, binary_cases,
                    (flipped(sign, reference), summed(reference), *mistakes),
                    STABLE_SIGMOID, forbidden=MODEL_GRADIENTS)
