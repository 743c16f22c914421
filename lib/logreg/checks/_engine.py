"""The engine behind every exercise check: run a student's function on cases, compare with
the package's formula, and name the mistake.

An exercise is data (:class:`~logreg.checks._exercise.Exercise`); :func:`run` does the rest:

* **Fresh cases on every call.** The random cases come from a new seed each time (printed in
  a failure message, so the case can be rerun with ``seed=``): an answer that replays
  outputs recorded from an earlier run fails.
* **No borrowed answers.** While the function runs, a profiler records every call; calling
  the built-in that does the exercise's job (``torch.softmax`` for a softmax, autograd for a
  gradient, the package's own formula, this module) is rejected, saying so.
* **Verdicts that code cannot loosen.** Tolerances are bound into the functions below when
  the package is imported; assigning module attributes afterwards changes nothing.
* **Only numerical warnings count.** An overflow, a division by zero or an invalid value
  (NaN) in the student's code fails the case; other warnings (deprecations, ...) do not.
"""

from __future__ import annotations

import re
import secrets
import sys
import warnings
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from ._exercise import Case, Exercise, Mistake, n_examples

__all__ = ["run", "CHECKS_CODE"]

_AMBIGUOUS = "one of these mistakes: "
_NO_RESULT = object()  # fn raised FloatingPointError (it had asked numpy to raise)
_NUMERIC_WARNING = re.compile(r"overflow|underflow|divide by zero|invalid value|"
                              r"encountered in|division", re.I)

#: What no exercise may call: the checks themselves (their references and mistake tables).
CHECKS_CODE = (r"logreg\.checks\.",)


# --- comparing ------------------------------------------------------------------------------

def _fmt(x: object) -> str:
    text = np.array2string(np.asarray(x), precision=4, threshold=12, edgeitems=2,
                           max_line_width=88, separator=", ")
    return text if len(text) <= 400 else text[:400] + " ..."


def _close(got: np.ndarray, expected: np.ndarray, rtol: float = 1e-4, atol: float = 1e-6) -> bool:
    """Equal shapes, and values equal to within what a float32 implementation may lose
    (1 − σ(z) alone loses digits there); every real mistake is off by far more."""
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def _shape_hint(got: np.ndarray, expected: np.ndarray) -> str:
    what = f"wrong shape: got {got.shape}, expected {expected.shape}"
    if expected.ndim == 0:
        return what + " (return a single number, e.g. np.mean(...))"
    if got.shape == expected.shape[::-1]:
        return what + " (transposed)"
    if got.size == expected.size:
        return what + " (as many entries, wrong shape: e.g. a column (n, 1) where (n,) is expected)"
    return what


def _matches(m: Mistake, case: Case, i: int, got: np.ndarray, expected: np.ndarray) -> bool:
    """Does output ``i`` look like mistake ``m`` (and unlike the right answer) on this case?"""
    if m.detect is not None:
        return m.detect(case, i, got)
    try:
        with np.errstate(all="ignore"):  # a mistake's answer may overflow or fail to broadcast
            wrong = m.wrong(**case.args)[i]
    except (ValueError, IndexError):
        return False
    return wrong is not None and not _close(np.asarray(wrong), expected) and _close(
        got, np.asarray(wrong, dtype=float))


def _overflow(ex: Exercise, case: Case, what: str) -> str:
    if case.large:
        return f"overflow for large logits ({what}): {case.hint or ex.overflow}"
    return f"{what} on ordinary inputs: {ex.ordinary}"


def _diagnose(ex: Exercise, case: Case, i: int, got: np.ndarray,
              expected: np.ndarray) -> str | None:
    """Name what is wrong with output ``i``, or return None if it is right."""
    if got.dtype.kind not in "biuf":
        return f"returned dtype {got.dtype}; return numbers"
    if not np.all(np.isfinite(got)):
        return _overflow(ex, case, "returned NaN or inf")
    if _close(got, expected) and (not ex.integer or got.dtype.kind in "iu"):
        return None
    n = str(n_examples(case))
    hits = [m.message.replace("{n}", n) for m in ex.mistakes if _matches(m, case, i, got, expected)]
    if hits:  # on a small case two mistakes can give the same numbers: name both
        return hits[0] if len(hits) == 1 else _AMBIGUOUS + "; OR ".join(hits)
    if got.shape != expected.shape:
        return _shape_hint(got, expected)
    if ex.integer and _close(got, expected):
        kind = "booleans" if got.dtype == bool else f"dtype {got.dtype}"
        return f"returned {kind}, not integer labels: convert with .astype(int)"
    return "values differ"


# --- calling the student's function ---------------------------------------------------------

def _qualified(frame: object, event: str, arg: object) -> str | None:
    """``module.qualname`` of what a profiler event calls (None for returns)."""
    if event == "call":
        return f"{frame.f_globals.get('__name__', '?')}.{frame.f_code.co_qualname}"
    if event == "c_call":
        owner = getattr(arg, "__self__", None)
        module = getattr(arg, "__module__", None) or type(owner).__module__
        return f"{module}.{getattr(arg, '__qualname__', getattr(arg, '__name__', '?'))}"
    return None


_OWN = f"{__name__}._CallRecorder."


class _CallRecorder:
    """Record the qualified names of everything called while active (profiler hook)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def __call__(self, frame: object, event: str, arg: object) -> None:
        name = _qualified(frame, event, arg)
        if name is not None and not name.startswith(_OWN):  # its own __exit__ is seen too
            self.names.add(name)

    def __enter__(self) -> _CallRecorder:
        self._previous = sys.getprofile()
        sys.setprofile(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.intact = sys.getprofile() is self
        sys.setprofile(self._previous)


def _borrowed(ex: Exercise, names: set[str]) -> list[str]:
    patterns = [re.compile(p) for p in ex.forbidden]
    return sorted(n for n in names if any(p.match(n) for p in patterns))


def _call(ex: Exercise, fn: Callable, case: Case) -> tuple[object, str | None]:
    """Call ``fn`` on copies of the case's input; return its result and its first numerical
    warning (as a diagnosis) or None."""
    name = getattr(fn, "__name__", repr(fn))
    args = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in case.args.items()}
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            with _CallRecorder() as calls:
                result = fn(*args.values())
        except NotImplementedError as err:
            raise NotImplementedError(
                f"{name} is not written yet: replace `raise NotImplementedError()` with your "
                f"code, run that cell, then run {ex.check}({name}) again."
            ) from err
        except FloatingPointError as err:  # raised where the student asked numpy to raise
            return _NO_RESULT, f"raised {err!r}"
        except Exception as err:
            raise AssertionError(
                f"{ex.check}: {name} raised {type(err).__name__}: {err}\n  on case "
                f"'{case.name}' with " + ", ".join(f"{k} = {_fmt(v)}" for k, v in args.items())
            ) from err
    if not calls.intact:
        raise AssertionError(f"{ex.check}: {name} replaced the profiler the check uses to see "
                             "what it calls; leave sys.setprofile alone")
    borrowed = _borrowed(ex, calls.names)
    if borrowed:
        raise AssertionError(
            f"{ex.check}: {name} calls {', '.join(borrowed)}, which computes what this "
            "exercise asks you to write; write it with numpy (or torch tensor) operations")
    changed = [k for k in args if not np.array_equal(args[k], case.args[k])]
    if changed:
        raise AssertionError(f"{ex.check}: {name} changed its input {', '.join(changed)} in "
                             f"place (case '{case.name}'); work on a copy instead")
    numeric = [w for w in caught if issubclass(w.category, RuntimeWarning)
               and _NUMERIC_WARNING.search(str(w.message))]
    return result, f"warned: {numeric[0].message}" if numeric else None


def _outputs(ex: Exercise, fn: Callable, result: object) -> list[np.ndarray]:
    name = getattr(fn, "__name__", "fn")
    if result is None or (isinstance(result, (tuple, list)) and any(r is None for r in result)):
        raise AssertionError(f"{ex.check}: {name} returned None: is a `return` missing?")
    if len(ex.outputs) > 1:
        if not isinstance(result, (tuple, list)) or len(result) != len(ex.outputs):
            raise AssertionError(f"{ex.check}: {name} must return a "
                                 f"tuple ({', '.join(ex.outputs)}), got {type(result).__name__}")
    else:
        result = (result,)
    try:
        return [np.asarray(r.detach() if hasattr(r, "detach") else r) for r in result]
    except Exception as err:
        raise AssertionError(f"{ex.check}: could not turn the result into numpy arrays ({err}); "
                             "return numpy arrays (a torch tensor: .detach().numpy())") from err


def _failure(ex: Exercise, fn: Callable, case: Case) -> str | None:
    """Run one case: None if ``fn`` got it right, else the failure message."""
    with np.errstate(all="ignore"):
        expected = [np.asarray(e) for e in ex.reference(**case.args)]
    result, warned = _call(ex, fn, case)
    gots = [] if result is _NO_RESULT else _outputs(ex, fn, result)
    found: dict[str, list[str]] = {}  # diagnosis -> the outputs it concerns
    if warned:
        found[_overflow(ex, case, warned)] = []
    else:
        for i, (out, g, e) in enumerate(zip(ex.outputs, gots, expected, strict=True)):
            if (p := _diagnose(ex, case, i, g, e)) is not None:
                found.setdefault(p, []).append(out)
    if not found:
        return None
    lines = [f"{ex.check}: case '{case.name}' failed."]
    lines += [f"  {', '.join(outs) + ': ' if len(ex.outputs) > 1 and outs else ''}{p}"
              for p, outs in found.items()]
    lines += [f"  input {k} = {_fmt(v)}" for k, v in case.args.items()]
    for out, e, g in zip(ex.outputs, expected, gots or [None] * len(expected), strict=True):
        lines += [f"  expected {out} = {_fmt(e)}"]
        lines += [] if g is None else [f"  received {out} = {_fmt(g)}"]
    return "\n".join(lines)


def run(ex: Exercise, fn: Callable, seed: int | None = None,
        never: tuple[str, ...] = CHECKS_CODE) -> None:
    """Run ``fn`` on the exercise's cases (random ones drawn from ``seed``, a fresh one when
    None); raise AssertionError at the first failure, else print one line. ``fn`` may call
    neither what the exercise forbids nor what matches ``never`` (the checks' own code: the
    tests of the mistake tables lift that).

    Where the first failing case cannot tell two mistakes apart, the later cases get a chance
    to: the first of them whose message names a single mistake is reported instead."""
    if not callable(fn):
        raise TypeError(f"{ex.check} takes your function itself, got {type(fn).__name__}: "
                        f"write {ex.check}(my_function), without calling it")
    if seed is None:
        seed = secrets.randbelow(2**31)
    elif isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer or None, got {seed!r}")
    name = getattr(fn, "__name__", "fn")
    rerun = f"\n  (to rerun exactly these cases: {ex.check}({name}, seed={seed}))"
    ex = replace(ex, forbidden=(*ex.forbidden, *never))
    cases = ex.cases(np.random.default_rng(seed))
    first = None
    for case in cases:
        try:
            message = _failure(ex, fn, case)
        except AssertionError as err:
            if first is None:
                raise AssertionError(f"{err}{rerun}") from err.__cause__
            message = None
        if message is not None and _AMBIGUOUS not in message:
            raise AssertionError(message + rerun)
        first = first or message
    if first is not None:
        raise AssertionError(first + rerun)
    print(f"{ex.check}: all {len(cases)} cases passed")
