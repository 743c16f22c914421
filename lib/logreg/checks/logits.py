"""Exercises of notebook 04: binary cross-entropy from logits and, as transfer, the gradient
of the {−1, +1} form and a class-weighted cross-entropy."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..activations import sigmoid
from ..losses import binary_cross_entropy_with_logits, soft_margin_loss_grad, softplus
from ._engine import run
from ._exercise import AUTOGRAD, Case, Exercise, Mistake, flipped, scaled, summed

#: Frameworks' and the package's own binary cross-entropy.
_BCE_BUILTINS = (r"logreg\.losses\.", r"torch\..*(binary_cross_entropy|soft_margin|logsigmoid)",
                 r"torch\.nn\.modules\.loss\.", r"sklearn\.metrics\.", *AUTOGRAD)
_FROM_LOGITS = ("log σ(z) or log(1 − σ(z)) became log 0 (or exp overflowed): compute the loss "
                "from the logits, softplus(z) − y·z, with softplus(z) = max(z, 0) + "
                "log(1 + e^(−|z|))")


def _labels(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(0, 2, n).astype(float)


# --- binary cross-entropy from logits ------------------------------------------------------------

def _reference(z, y):
    return (binary_cross_entropy_with_logits(z, y),)


def _cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(8, 15))
    return [
        Case("z = 0, y = 1: loss = log 2", {"z": np.array([0.0]), "y": np.array([1.0])}),
        Case("small z", {"z": np.array([-2.0, -0.5, 1.0, 3.0]), "y": np.array([0.0, 1, 1, 0])}),
        Case(f"random, n = {n}", {"z": rng.normal(scale=3.0, size=n), "y": _labels(rng, n)}),
        Case("large logits, wrong side: loss grows like |z|",
             {"z": np.array([1e3, -1e3, 1e4, -1e4]), "y": np.array([0.0, 1, 1, 0])}, large=True),
        Case("large logits, right side: loss ≈ 0",
             {"z": np.array([1e3, -1e3, 40.0, -40.0]), "y": np.array([1.0, 0, 1, 0])}, large=True),
    ]


BCE_WITH_LOGITS = Exercise(
    "check_bce_with_logits", ("loss",), _reference, _cases,
    (
        flipped("the loss is the NEGATIVE log-likelihood, −[y log a + "
                "(1 − y) log(1 − a)]", _reference),
        summed(_reference),
        Mistake("brackets missing (the slide's erratum): −y log a + (1 − y) log(1 − a) instead "
                "of −[y log a + (1 − y) log(1 − a)]",
                lambda z, y: (np.mean(y * softplus(-z) - (1 - y) * softplus(z)),)),
        Mistake("used log₂: cross-entropy here uses the natural log",
                scaled(_reference, lambda n: 1 / np.log(2))),
        Mistake("used the {−1, +1} form log(1 + e^(−yz)) with labels in {0, 1}: map y to "
                "2y − 1 first", lambda z, y: (np.mean(softplus(-y * z)),)),
        Mistake("clipped the probabilities (e.g. np.clip(a, eps, 1 − eps)): the loss then "
                "saturates instead of growing like |z|; compute it from the logits, "
                "softplus(z) − y·z, with softplus(z) = max(z, 0) + log(1 + e^(−|z|))",
                detect=lambda case, i, got: case.large and got.shape == ()
                and float(got) < 0.9 * float(_reference(**case.args)[0])),
    ),
    _FROM_LOGITS,
    forbidden=_BCE_BUILTINS,
    ordinary="log of 0: did you take log(y)? The BCE slide swaps a and y (erratum); the loss is "
             "−[y log a + (1 − y) log(1 − a)] with a = σ(z)",
)


def check_bce_with_logits(fn: Callable[..., float], seed: int | None = None) -> None:
    r"""Check ``fn(z, y)`` = mean binary cross-entropy from logits,
    :math:`\frac1n\sum_i -[y_i\log\sigma(z_i) + (1-y_i)\log(1-\sigma(z_i))]`, finite for
    every finite z (notebook 04; slide "binary cross-entropy")."""
    run(BCE_WITH_LOGITS, fn, seed)


# --- transfer: the gradient of the {−1, +1} form -------------------------------------------------

def _pm1_reference(z, y):
    return (soft_margin_loss_grad(z, y),)


def _pm1_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(6, 12))
    return [
        Case("z = 0, y = +1: −σ(0) = −0.5", {"z": np.array([0.0]), "y": np.array([1.0])}),
        Case("small z", {"z": np.array([-2.0, -0.5, 1.0, 3.0]), "y": np.array([-1.0, 1, 1, -1])}),
        Case(f"random, n = {n}", {"z": rng.normal(scale=3.0, size=n),
                                  "y": 2 * _labels(rng, n) - 1}),
        Case("large |z| up to 1e4, both sides",
             {"z": np.array([1e4, -1e4, 1e3, -1e3, 800.0]), "y": np.array([1.0, 1, -1, -1, -1])},
             large=True),
    ]


PM1_LOGISTIC_GRADIENT = Exercise(
    "check_pm1_logistic_gradient", ("grad_z",), _pm1_reference, _pm1_cases,
    (
        summed(_pm1_reference),
        flipped("d/dz log(1 + e^(−yz)) = −y·σ(−yz), negative where y = +1", _pm1_reference),
        Mistake("σ(yz) where the chain rule gives σ(−yz): d/dz log(1 + e^(−yz)) = "
                "e^(−yz)/(1 + e^(−yz)) · (−y) = −y·σ(−yz)",
                lambda z, y: (-y * sigmoid(y * z) / z.size,)),
        Mistake("missing the inner derivative −y of −yz (chain rule)",
                lambda z, y: (-sigmoid(-y * z) / z.size,)),
        Mistake("used the {0, 1} gradient σ(z) − y with labels in {−1, +1}: with t = (y + 1)/2 "
                "it would be σ(z) − t", lambda z, y: ((sigmoid(z) - y) / z.size,)),
    ),
    "e^(−yz) overflowed: write e^(−yz)/(1 + e^(−yz)) as σ(−yz) and evaluate σ stably "
    "(exponentiate only −|t|)",
    forbidden=_BCE_BUILTINS,
)


def check_pm1_logistic_gradient(fn: Callable[..., np.ndarray], seed: int | None = None) -> None:
    r"""Check ``fn(z, y)``, :math:`y \in \{-1, +1\}`, returns :math:`\partial L/\partial z` of
    :math:`L = \frac1n\sum_i\log(1 + e^{-y_i z_i})`, i.e. :math:`-\frac1n y\,\sigma(-yz)`, finite
    for :math:`|z|` up to 1e4 (notebook 04)."""
    run(PM1_LOGISTIC_GRADIENT, fn, seed)


# --- transfer: class-weighted binary cross-entropy ------------------------------------------------

def _weighted_reference(z, y, pos_weight):
    return (binary_cross_entropy_with_logits(z, y, pos_weight=pos_weight),)


def _weighted_cases(rng: np.random.Generator) -> list[Case]:
    n = int(rng.integers(8, 15))
    return [
        Case("pos_weight = 1: the plain loss", {"z": np.array([-1.0, 0.5, 2.0]),
                                                "y": np.array([1.0, 0, 1]), "pos_weight": 1.0}),
        Case("z = 0, y = 1, pos_weight = 3: 3 log 2",
             {"z": np.array([0.0]), "y": np.array([1.0]), "pos_weight": 3.0}),
        Case(f"random, n = {n}", {"z": rng.normal(scale=3.0, size=n), "y": _labels(rng, n),
                                  "pos_weight": float(rng.uniform(1.5, 5.0))}),
        Case("random, pos_weight < 1", {"z": rng.normal(scale=2.0, size=6), "y": _labels(rng, 6),
                                        "pos_weight": float(rng.uniform(0.1, 0.7))}),
        Case("large |z| up to 1e4", {"z": np.array([1e4, -1e4, 1e3, -1e3]),
                                     "y": np.array([0.0, 1, 1, 0]), "pos_weight": 2.0},
             large=True),
    ]


def _weighted(z, y, pos, neg):
    return y * pos * softplus(-z) + (1 - y) * neg * softplus(z)


WEIGHTED_BCE_WITH_LOGITS = Exercise(
    "check_weighted_bce_with_logits", ("loss",), _weighted_reference, _weighted_cases,
    (
        Mistake("weighted the negative examples' term: pos_weight multiplies y·log σ(z), the "
                "term of the positives",
                lambda z, y, pos_weight: (np.mean(_weighted(z, y, 1.0, pos_weight)),)),
        Mistake("weighted both terms: only the positives' term y·log σ(z) gets pos_weight",
                lambda z, y, pos_weight: (pos_weight * np.mean(_weighted(z, y, 1.0, 1.0)),)),
        Mistake("pos_weight ignored: this is the unweighted loss",
                lambda z, y, pos_weight: (np.mean(_weighted(z, y, 1.0, 1.0)),)),
        Mistake("divided by the total weight: torch's pos_weight keeps the plain mean over the "
                "n examples", lambda z, y, pos_weight: (np.sum(_weighted(z, y, pos_weight, 1.0))
                                               / np.sum(np.where(y == 1, pos_weight, 1.0)),)),
        flipped("the loss is −[p·y log σ(z) + (1 − y) log(1 − σ(z))]", _weighted_reference),
        summed(_weighted_reference),
    ),
    _FROM_LOGITS,
    forbidden=_BCE_BUILTINS,
)


def check_weighted_bce_with_logits(fn: Callable[..., float], seed: int | None = None) -> None:
    r"""Check ``fn(z, y, pos_weight)`` = :math:`\frac1n\sum_i -[p\,y_i\log\sigma(z_i) +
    (1-y_i)\log(1-\sigma(z_i))]`, as ``torch.nn.functional.binary_cross_entropy_with_logits(z,
    y, pos_weight=p)``, finite for :math:`|z|` up to 1e4 (notebook 04)."""
    run(WEIGHTED_BCE_WITH_LOGITS, fn, seed)
