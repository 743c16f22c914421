"""What an exercise is, as data: its reference, a function drawing its cases from a random
generator, a table of recognised mistakes, and what the student's function must not call;
and the mistakes every exercise meets. The engine (:mod:`._engine`) runs them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["Case", "Mistake", "Exercise", "SUM", "AUTOGRAD", "scaled", "flipped", "summed",
           "n_examples"]

#: Calls that compute a gradient for the student (torch's autograd).
AUTOGRAD = (r"torch\.autograd\.", r"torch\._tensor\.Tensor\.backward", r"torch\.func\.")

SUM = "summed over the examples instead of averaging: off by a factor n = {n}"


@dataclass(frozen=True)
class Case:
    name: str
    args: dict  # parameter name -> value, in the order of the signature
    large: bool = False  # large logits: any numerical warning, NaN or inf counts as overflow
    hint: str | None = None  # what an overflow in this case means, if not the exercise's


@dataclass(frozen=True)
class Mistake:
    """A recognised mistake: ``wrong(**args)`` is what it returns (one entry per output,
    None where it changes nothing), or ``detect(case, i, got)`` recognises output ``i``."""

    message: str  # "{n}" in it becomes the number of examples
    wrong: Callable[..., tuple] | None = None
    detect: Callable[[Case, int, np.ndarray], bool] | None = None


@dataclass(frozen=True)
class Exercise:
    check: str  # the public check's name, e.g. "check_softmax"
    outputs: tuple[str, ...]  # names of what fn returns, in order
    reference: Callable[..., tuple]  # (**args) -> the right outputs, from the package's formulas
    cases: Callable[[np.random.Generator], list[Case]]
    mistakes: tuple[Mistake, ...]
    overflow: str  # what an overflow on large inputs means for this exercise
    forbidden: tuple[str, ...] = ()  # regexes of qualified names fn must not call
    integer: bool = False  # outputs must have an integer dtype (labels)
    ordinary: str = "a log of 0, a division by 0 or an overflow"  # a warning on small inputs


def scaled(ref: Callable[..., tuple], factor: Callable[[int], float]) -> Callable[..., tuple]:
    """The reference's outputs times ``factor(n)``: sign flips, sums instead of means, ..."""
    def wrong(**args: np.ndarray) -> tuple:
        f = factor(n_examples(Case("", args)))
        return tuple(np.asarray(r) * f for r in ref(**args))
    return wrong


def flipped(why: str, ref: Callable[..., tuple]) -> Mistake:
    """The mistake every exercise meets first: the reference with its sign flipped, explained
    by ``why`` (what the sign should be, in the exercise's terms)."""
    return Mistake(f"sign flipped: {why}", scaled(ref, lambda n: -1.0))


def summed(ref: Callable[..., tuple]) -> Mistake:
    """The reference summed over the examples instead of averaged."""
    return Mistake(SUM, scaled(ref, lambda n: n))


def n_examples(case: Case) -> int:
    """How many examples a case has: the length of its first argument (1 if a number)."""
    first = np.asarray(next(iter(case.args.values())))
    return int(first.shape[0]) if first.ndim else 1
