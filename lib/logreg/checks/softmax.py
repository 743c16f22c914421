"""Exercises of notebook 05: a stable softmax, the cross-entropy from logits and, as transfer,
the cross-entropy with label smoothing."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..activations import log_softmax, softmax
from ..losses import cross_entropy
from ._common import Z_LECTURE
from ._engine import run
from ._exercise import Case, Exercise, Mistake, flipped, summed

NO_SHIFT = ("no max-shift: exp(z) overflows for z ≳ 710; subtract each row's maximum first "
            "(softmax is unchanged by adding a constant to a row)")
#: Frameworks' and the package's own softmax.
SOFTMAX_BUILTINS = (r"logreg\.activations\.(log_)?softmax$", r"torch\..*softmax$",
                    r"scipy\.special\..*softmax$", r"scipy\.special\.logsumexp$")
_CE_BUILTINS = (*SOFTMAX_BUILTINS, r"logreg\.losses\.", r"torch\..*(cross_entropy|nll_loss)",
                r"torch\.nn\.modules\.loss\.", r"sklearn\.metrics\.")
_LOG_SOFTMAX = ("log(softmax) became log 0 (or exp overflowed): use log-softmax, "
                "z_y − m − log Σ_j e^(z_j − m) with m the row maximum")


def _random(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    return rng.normal(scale=2.0, size=(n, k))


# --- softmax ------------------------------------------------------------------------------------

def _reference(Z):
    return (softmax(Z, axis=1),)


def _cases(rng: np.random.Generator) -> list[Case]:
    n, k = (int(v) for v in rng.integers(4, 8, size=2))
    return [
        Case("one example, equal logits: [0.5, 0.5]", {"Z": np.array([[0.0, 0.0]])}),
        Case("one example, z = [1, 2, 3]", {"Z": np.array([[1.0, 2.0, 3.0]])}),
        Case("random 3 × 3", {"Z": _random(rng, 3, 3)}),
        Case("the lecture's 4 × 3 logits", {"Z": Z_LECTURE}),
        Case(f"random {n} × {k}", {"Z": _random(rng, n, k)}),
        Case("K = 2", {"Z": _random(rng, 5, 2)}),
        Case("large logits (equal row maxima)",
             {"Z": np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 1000.0]])}, large=True),
        Case("rows on very different scales",
             {"Z": np.array([[1e4, 0.0, 1e4], [-1e4, -1e4 + 1, -1e4 + 2]])}, large=True,
             hint="subtract each row's own maximum, Z.max(axis=1, keepdims=True), not one "
                  "global maximum: a row far below it underflows to 0/0"),
    ]


SOFTMAX = Exercise(
    "check_softmax", ("probabilities",), _reference, _cases,
    (
        Mistake("normalised over the wrong axis: each row (example) must sum to 1, "
                "so sum over axis=1 (the classes) with keepdims=True",
                lambda Z: (softmax(Z, axis=0),)),
        Mistake("normalised over all entries at once: sum each row separately "
                "(axis=1, keepdims=True)",
                lambda Z: (np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),)),
        Mistake("not normalised: returned exp(z) without dividing by the row sum",
                lambda Z: (np.exp(Z),)),
        Mistake("subtracted the row maxima without keepdims=True: they broadcast along the "
                "wrong axis", lambda Z: (softmax(Z - Z.max(axis=1), axis=1),)),
    ),
    NO_SHIFT,
    forbidden=SOFTMAX_BUILTINS,
)


def check_softmax(fn: Callable[[np.ndarray], np.ndarray], seed: int | None = None) -> None:
    r"""Check ``fn(Z)`` = row-wise softmax :math:`e^{z_k} / \sum_j e^{z_j}` of Z (n, K),
    stable for any finite logits (notebook 05; slide "softmax")."""
    run(SOFTMAX, fn, seed)


# --- cross-entropy ------------------------------------------------------------------------------

def _ce(Z, y, axis=1):
    return -log_softmax(Z, axis=axis)[np.arange(len(y)), y]


def _ce_reference(Z, y):
    return (cross_entropy(Z, y),)


def _labelled(rng: np.random.Generator, n: int, k: int) -> dict:
    return {"Z": _random(rng, n, k), "y": rng.permutation(np.arange(n) % k)}


def _ce_cases(rng: np.random.Generator) -> list[Case]:
    n, k = int(rng.integers(5, 9)), int(rng.integers(3, 6))
    return [
        Case("one example, equal logits: log 3", {"Z": np.zeros((1, 3)), "y": np.array([2])}),
        Case("the lecture's example: mean 0.9335", {"Z": Z_LECTURE, "y": np.array([0, 1, 2, 2])}),
        Case(f"random {n} × {k}", _labelled(rng, n, k)),
        Case("K = 2", _labelled(rng, 5, 2)),
        Case("large logits", {"Z": np.array([[1000.0, 0.0, -1000.0], [0.0, 1e4, 0.0]]),
                              "y": np.array([2, 1])}, large=True),
    ]


CROSS_ENTROPY = Exercise(
    "check_cross_entropy", ("loss",), _ce_reference, _ce_cases,
    (
        flipped("the loss is −log of the true class's probability", _ce_reference),
        summed(_ce_reference),
        Mistake("averaged over all n·K entries of −Y ⊙ log P: divide the sum by n only",
                lambda Z, y: (np.mean(_ce(Z, y)) / Z.shape[1],)),
        Mistake("softmax normalised over the wrong axis: use axis=1 (the classes)",
                lambda Z, y: (np.mean(_ce(Z, y, axis=0)),)),
        Mistake("indexed log P[:, y] (an n × n block) instead of log P[np.arange(n), y]",
                lambda Z, y: (-np.mean(log_softmax(Z, axis=1)[:, y]),)),
        Mistake("summed −log p over all classes: keep only the true class (one-hot Y)",
                lambda Z, y: (-np.mean(log_softmax(Z, axis=1).sum(axis=1)),)),
    ),
    _LOG_SOFTMAX,
    forbidden=_CE_BUILTINS,
)


def check_cross_entropy(fn: Callable[..., float], seed: int | None = None) -> None:
    r"""Check ``fn(Z, y)`` = mean cross-entropy from logits,
    :math:`\frac1n\sum_i -\log\operatorname{softmax}(z^{[i]})_{y_i}` (notebook 05)."""
    run(CROSS_ENTROPY, fn, seed)


# --- transfer: label smoothing ------------------------------------------------------------------

def _smoothed_reference(Z, y, eps):
    return (cross_entropy(Z, y, label_smoothing=eps),)


def _smoothed(Z, y, on_true, on_others):
    """Mean of −Σ_k t_k log p_k with t = on_true at the true class and on_others elsewhere."""
    logp = log_softmax(Z, axis=1)
    true = logp[np.arange(len(y)), y]
    return (-np.mean(on_true * true + on_others * (logp.sum(axis=1) - true)),)


def _smoothing_cases(rng: np.random.Generator) -> list[Case]:
    n, k = int(rng.integers(5, 9)), int(rng.integers(3, 6))
    eps = float(rng.uniform(0.05, 0.3))
    return [
        Case("eps = 0: the plain cross-entropy", {**_labelled(rng, 4, 3), "eps": 0.0}),
        Case("one example, equal logits, eps = 0.1: log 3",
             {"Z": np.zeros((1, 3)), "y": np.array([0]), "eps": 0.1}),
        Case(f"random {n} × {k}, eps = {eps:.3f}", {**_labelled(rng, n, k), "eps": eps}),
        Case("K = 2, eps = 0.2", {**_labelled(rng, 5, 2), "eps": 0.2}),
        Case("large logits, eps = 0.1", {"Z": np.array([[1000.0, 0.0, -1000.0], [0.0, 1e4, 0.0]]),
                                         "y": np.array([2, 1]), "eps": 0.1}, large=True),
    ]


LABEL_SMOOTHING = Exercise(
    "check_label_smoothing_cross_entropy", ("loss",), _smoothed_reference, _smoothing_cases,
    (
        Mistake("spread eps over the K − 1 wrong classes only: torch (and this exercise) mixes "
                "with the uniform distribution, t = (1 − eps)·y + eps/K, which gives the true "
                "class 1 − eps + eps/K",
                lambda Z, y, eps: _smoothed(Z, y, 1 - eps, eps / (Z.shape[1] - 1))),
        Mistake("the true class keeps weight 1: it gets (1 − eps) + eps/K",
                lambda Z, y, eps: _smoothed(Z, y, 1 + eps / Z.shape[1], eps / Z.shape[1])),
        Mistake("eps and 1 − eps swapped: t = (1 − eps)·y + eps/K",
                lambda Z, y, eps: _smoothed(Z, y, eps + (1 - eps) / Z.shape[1],
                                            (1 - eps) / Z.shape[1])),
        Mistake("smoothed the probabilities instead of the targets: −log((1 − eps)·p_y + eps/K) "
                "is another loss; smooth the targets, t = (1 − eps)·y + eps/K",
                lambda Z, y, eps: (-np.mean(np.log((1 - eps) * softmax(Z, axis=1)[
                    np.arange(len(y)), y] + eps / Z.shape[1])),)),
        Mistake("no smoothing: this is the plain cross-entropy",
                lambda Z, y, eps: _ce_reference(Z, y)),
        summed(_smoothed_reference),
        flipped("the loss is −Σ_k t_k log p_k", _smoothed_reference),
    ),
    _LOG_SOFTMAX,
    forbidden=_CE_BUILTINS,
)


def check_label_smoothing_cross_entropy(fn: Callable[..., float], seed: int | None = None) -> None:
    r"""Check ``fn(Z, y, eps)`` = mean cross-entropy with label smoothing, targets
    :math:`(1-\varepsilon)\,\mathrm{onehot}(y) + \varepsilon/K`, as
    ``torch.nn.functional.cross_entropy(Z, y, label_smoothing=eps)`` (notebook 05)."""
    run(LABEL_SMOOTHING, fn, seed)
