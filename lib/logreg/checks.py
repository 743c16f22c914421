"""Self-checks for the notebooks' exercises: ``check_<name>(fn)`` runs a student's function.

Each check calls ``fn`` (never a reference under its name) on small hand-checkable cases,
seeded random cases and edge cases (large logits, a single example, K = 2), compares every
output with the reference in :mod:`logreg`, and either prints one line
(``check_softmax: all 8 cases passed``) or raises ``AssertionError``. The message names the
likely mistake where the check recognises it (sign flipped, sum instead of mean, missing
σ′, overflow, wrong axis, ...), and always shows the case's input, the expected and the
received values. Any warning, NaN or inf in a large-logit case counts as overflow.

One generic runner (:func:`_run`) does the work; each exercise is data: its reference, its
cases, and a table of mistakes, each either the wrong answer it would produce (computed from
the same input) or a test that recognises its output.

Signatures (X (n, m), w (m,), b float, y integer labels (n,); softmax W (m, K), b (K,);
losses are means over examples; gradients have the shapes of the parameters):
``sigmoid_derivative(z)``, ``hw2_gradient(X, y, w, b)``, ``logistic_gradient(X, y, w, b)``,
``predict_labels(X, w, b)``, ``bce_with_logits(z, y)``, ``softmax(Z)``,
``cross_entropy(Z, y)``, ``softmax_regression_gradient(X, y, W, b)``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .activations import log_softmax, sigmoid, sigmoid_derivative, softmax
from .losses import binary_cross_entropy_with_logits, cross_entropy, cross_entropy_grad, softplus

__all__ = [
    "check_sigmoid_derivative",
    "check_hw2_gradient",
    "check_logistic_gradient",
    "check_predict_labels",
    "check_bce_with_logits",
    "check_softmax",
    "check_cross_entropy",
    "check_softmax_regression_gradient",
]

_AMBIGUOUS = "one of these mistakes: "
_NO_RESULT = object()  # fn raised FloatingPointError (it had asked numpy to raise)
RTOL, ATOL = 1e-5, 1e-9  # float64 references; loose enough for a float32 implementation
_SEED = 479


@dataclass(frozen=True)
class _Case:
    name: str
    args: dict  # parameter name -> value, in the order of the signature
    large: bool = False  # large logits: any warning, NaN or inf counts as overflow
    hint: str | None = None  # what an overflow in this case means, if not the exercise's


@dataclass(frozen=True)
class _Mistake:
    """A recognised mistake: ``wrong(**args)`` is what it returns (one entry per output,
    None where it changes nothing), or ``detect(case, i, got)`` recognises output ``i``."""

    message: str  # "{n}" in it becomes the number of examples
    wrong: Callable[..., tuple] | None = None
    detect: Callable[[_Case, int, np.ndarray], bool] | None = None


@dataclass(frozen=True)
class _Exercise:
    check: str
    outputs: tuple[str, ...]
    reference: Callable[..., tuple]
    mistakes: tuple[_Mistake, ...]
    overflow: str
    integer: bool = False  # outputs must have an integer dtype (labels)
    ordinary: str = "a log of 0, a division by 0 or an overflow"  # a warning on small inputs


def _fmt(x: object) -> str:
    text = np.array2string(np.asarray(x), precision=4, threshold=12, edgeitems=2,
                           max_line_width=88, separator=", ")
    return text if len(text) <= 400 else text[:400] + " ..."


def _close(got: np.ndarray, expected: np.ndarray) -> bool:
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=RTOL, atol=ATOL))


def _n(case: _Case) -> int:
    return int(np.shape(next(iter(case.args.values())))[0])


def _shape_hint(got: np.ndarray, expected: np.ndarray) -> str:
    what = f"wrong shape: got {got.shape}, expected {expected.shape}"
    if expected.ndim == 0:
        return what + " (return a single number, e.g. np.mean(...))"
    if got.shape == expected.shape[::-1]:
        return what + " (transposed)"
    if got.size == expected.size:
        return what + " (as many entries, wrong shape: e.g. a column (n, 1) where (n,) is expected)"
    return what


def _diagnose(ex: _Exercise, case: _Case, i: int, got: np.ndarray,
              expected: np.ndarray) -> str | None:
    """Name what is wrong with output ``i``, or return None if it is right."""
    if got.dtype.kind not in "biuf":
        return f"returned dtype {got.dtype}; return numbers"
    if not np.all(np.isfinite(got)):
        return _overflow(ex, case, "returned NaN or inf")
    if _close(got, expected) and (not ex.integer or got.dtype.kind in "iu"):
        return None
    n = str(_n(case))
    hits = [m.message.replace("{n}", n) for m in ex.mistakes if _matches(m, case, i, got, expected)]
    if hits:  # on a small case two mistakes can give the same numbers: name both
        return hits[0] if len(hits) == 1 else _AMBIGUOUS + "; OR ".join(hits)
    if got.shape != expected.shape:
        return _shape_hint(got, expected)
    if ex.integer and _close(got, expected):
        kind = "booleans" if got.dtype == bool else f"dtype {got.dtype}"
        return f"returned {kind}, not integer labels: convert with .astype(int)"
    return "values differ"


def _matches(m: _Mistake, case: _Case, i: int, got: np.ndarray, expected: np.ndarray) -> bool:
    """Does output ``i`` look like mistake ``m`` (and unlike the right answer) on this case?"""
    if m.detect is not None:
        return m.detect(case, i, got)
    try:
        with np.errstate(all="ignore"):  # a mistake's answer may overflow or fail to broadcast
            wrong = m.wrong(**case.args)[i]
    except ValueError:
        return False
    return wrong is not None and not _close(np.asarray(wrong), expected) and _close(
        got, np.asarray(wrong, dtype=float))


def _overflow(ex: _Exercise, case: _Case, what: str) -> str:
    if case.large:
        return f"overflow for large logits ({what}): {case.hint or ex.overflow}"
    return f"{what} on ordinary inputs: {ex.ordinary}"


def _call(ex: _Exercise, fn: Callable, case: _Case) -> tuple[object, str | None]:
    """Call ``fn`` on copies of the case's input; return its result and its first warning."""
    name = getattr(fn, "__name__", repr(fn))
    args = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in case.args.items()}
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
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
    changed = [k for k in args if not np.array_equal(args[k], case.args[k])]
    if changed:
        raise AssertionError(f"{ex.check}: {name} changed its input {', '.join(changed)} in "
                             f"place (case '{case.name}'); work on a copy instead")
    return result, f"warned: {caught[0].message}" if caught else None


def _outputs(ex: _Exercise, fn: Callable, result: object) -> list[np.ndarray]:
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
        return [np.asarray(r) for r in result]
    except Exception as err:
        raise AssertionError(f"{ex.check}: could not turn the result into numpy arrays ({err}); "
                             "return numpy arrays (a torch tensor: .detach().numpy())") from err


def _failure(ex: _Exercise, fn: Callable, case: _Case) -> str | None:
    """Run one case: None if ``fn`` got it right, else the failure message."""
    with np.errstate(all="warn", under="ignore"):
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


def _run(ex: _Exercise, fn: Callable, cases: list[_Case]) -> None:
    """Run ``fn`` on every case; raise AssertionError at the first failure, else print one line.

    Where the first failing case cannot tell two mistakes apart, the later cases get a chance
    to: the first of them whose message names a single mistake is reported instead."""
    first = None
    for case in cases:
        try:
            message = _failure(ex, fn, case)
        except AssertionError:
            if first is None:
                raise
            message = None
        if message is not None and _AMBIGUOUS not in message:
            raise AssertionError(message)
        first = first or message
    if first is not None:
        raise AssertionError(first)
    print(f"{ex.check}: all {len(cases)} cases passed")


# --- shared pieces ---------------------------------------------------------------------

_SUM = "summed over the examples instead of averaging: off by a factor n = {n}"


def _scaled(ref: Callable[..., tuple], factor: Callable[[int], float]) -> Callable[..., tuple]:
    """The reference's outputs times ``factor(n)``: sign flips, sums instead of means, ..."""
    def wrong(**args: np.ndarray) -> tuple:
        f = factor(np.shape(next(iter(args.values())))[0])
        return tuple(np.asarray(r) * f for r in ref(**args))
    return wrong


def _binary_case(name: str, rng: np.random.Generator, n: int, m: int, scale: float = 1.0) -> _Case:
    return _Case(name, {"X": rng.normal(size=(n, m)), "y": rng.integers(0, 2, n),
                        "w": scale * rng.normal(size=m), "b": float(rng.normal())})


def _binary_cases() -> list[_Case]:
    rng = np.random.default_rng(_SEED)
    return [
        _Case("one example, zero weights: z = 0, a = 0.5",
              {"X": np.array([[1.0, 2.0]]), "y": np.array([1]), "w": np.zeros(2), "b": 0.0}),
        _binary_case("random, n = 8, m = 3", rng, 8, 3),
        _binary_case("random, n = 5, m = 2", rng, 5, 2, scale=2.0),
        _Case("large logits z = ±1000, ±10000", {
            "X": np.array([[10.0, 0.0], [0.0, -10.0], [100.0, 0.0], [0.0, 2.0]]),
            "y": np.array([0, 1, 1, 1]), "w": np.array([100.0, 100.0]), "b": 0.0}, large=True),
    ]


_STABLE_SIGMOID = ("exp overflowed: evaluate σ stably (exponentiate only −|z|, as in the "
                   "notebook's sigmoid; np.where still evaluates both branches)")


# --- 01 sigmoid derivative ----------------------------------------------------------------

def _ref_sigmoid_derivative(z):
    return (sigmoid_derivative(z),)


_EX_SIGMOID_DERIVATIVE = _Exercise(
    "check_sigmoid_derivative", ("sigmoid_derivative",), _ref_sigmoid_derivative,
    (
        _Mistake("returned σ(z) itself, not its derivative σ(z)(1 − σ(z))",
                 lambda z: (sigmoid(z),)),
        _Mistake("applied the formula to z instead of σ(z): computed z(1 − z), "
                 "not σ(z)(1 − σ(z))", lambda z: (z * (1 - z),)),
        _Mistake("sign flipped: σ′(z) = σ(z)(1 − σ(z)) is positive",
                 _scaled(_ref_sigmoid_derivative, lambda n: -1.0)),
        _Mistake("missing the factor σ(z): returned 1 − σ(z) alone", lambda z: (1 - sigmoid(z),)),
    ),
    _STABLE_SIGMOID,
)


def check_sigmoid_derivative(fn: Callable[[np.ndarray], np.ndarray]) -> None:
    r"""Check ``fn(z)`` = :math:`\sigma'(z) = \sigma(z)(1-\sigma(z))` elementwise, for any
    shape and any finite z (notebook 01; slide "derivative of the sigmoid")."""
    rng = np.random.default_rng(_SEED)
    _run(_EX_SIGMOID_DERIVATIVE, fn, [
        _Case("z = 0: σ′(0) = 0.25", {"z": np.array([0.0])}),
        _Case("small z", {"z": np.array([-2.0, -1.0, 0.0, 1.0, 2.0])}),
        _Case("random z, shape (3, 4)", {"z": rng.normal(scale=4.0, size=(3, 4))}),
        _Case("large |z| (must not overflow)",
              {"z": np.array([-1e4, -1e3, -40.0, 40.0, 1e3, 1e4])}, large=True),
    ])


# --- 02 HW2 neuron: sigmoid + MSE -----------------------------------------------------------

def _hw2(X, y, w, b, dsig=sigmoid_derivative, factor=2.0, divide=1.0):
    z = X @ w + b
    delta = -factor * (y - sigmoid(z)) * dsig(z) / (len(y) * divide)
    return X.T @ delta, delta.sum()


def _ref_hw2(X, y, w, b):
    return _hw2(X, y, w, b)


_EX_HW2 = _Exercise(
    "check_hw2_gradient", ("grad_w", "grad_b"), _ref_hw2,
    (
        _Mistake("sign flipped: ∂L/∂a = −2(y − a); (y − a) without the minus is the descent "
                 "direction, not the gradient", _scaled(_ref_hw2, lambda n: -1.0)),
        _Mistake(_SUM, _scaled(_ref_hw2, lambda n: n)),
        _Mistake("divided by n twice (the HW2 template's erratum): the mean in "
                 "L = (1/n) Σ (y − a)² contributes 1/n once; here n = {n}",
                 lambda X, y, w, b: _hw2(X, y, w, b, divide=len(y))),
        _Mistake("missing the σ′ factor ∂a/∂z = σ(z)(1 − σ(z)) of the chain rule",
                 lambda X, y, w, b: _hw2(X, y, w, b, dsig=np.ones_like)),
        _Mistake("σ′ evaluated at a = σ(z) instead of at z (σ′(a) = σ(a)(1 − σ(a)))",
                 lambda X, y, w, b: _hw2(X, y, w, b, dsig=lambda z: sigmoid_derivative(sigmoid(z)))),
        _Mistake("missing the factor 2 of d(y − a)²/da = −2(y − a)",
                 lambda X, y, w, b: _hw2(X, y, w, b, factor=1.0)),
        _Mistake("this is the logistic-regression (NLL) gradient (a − y); the MSE loss keeps "
                 "the factor −2(y − a) and σ′",
                 lambda X, y, w, b: _logistic(X, y, w, b)),
    ),
    _STABLE_SIGMOID,
)


def check_hw2_gradient(fn: Callable[..., tuple]) -> None:
    r"""Check ``fn(X, y, w, b) -> (grad_w, grad_b)`` of the HW2 loss
    :math:`L = \frac1n\sum_i (y_i - \sigma(z_i))^2`, :math:`z = Xw + b`:
    :math:`\nabla_w L = X^\top\big(-\tfrac2n (y-a)\odot\sigma'(z)\big)` (notebook 02)."""
    _run(_EX_HW2, fn, _binary_cases())


# --- 03 logistic regression: NLL gradient and prediction ----------------------------------

def _logistic(X, y, w, b, act=sigmoid, extra=None):
    z = X @ w + b
    delta = (act(z) - y) / len(y)
    if extra is not None:
        delta = delta * extra(z)
    return X.T @ delta, delta.sum()


_EX_LOGISTIC = _Exercise(
    "check_logistic_gradient", ("grad_w", "grad_b"), _logistic,
    (
        _Mistake("sign flipped: used y − a (the slide's erratum: y − a is the negative gradient, "
                 "the descent direction); ∂L/∂z = a − y", _scaled(_logistic, lambda n: -1.0)),
        _Mistake(_SUM, _scaled(_logistic, lambda n: n)),
        _Mistake("extra σ′ factor: for the NLL it cancels, ∂L/∂z = a − y "
                 "(no σ(z)(1 − σ(z)) as in the MSE gradient)",
                 lambda X, y, w, b: _logistic(X, y, w, b, extra=sigmoid_derivative)),
        _Mistake("formula applied to z instead of σ(z): used z − y, but a = σ(z)",
                 lambda X, y, w, b: _logistic(X, y, w, b, act=lambda z: z)),
        _Mistake("the bias b is missing from z = Xw + b",
                 lambda X, y, w, b: _logistic(X, y, w, 0.0)),
        _Mistake("this is the MSE (HW2) gradient, not the NLL's", _ref_hw2),
    ),
    _STABLE_SIGMOID,
)


def check_logistic_gradient(fn: Callable[..., tuple]) -> None:
    r"""Check ``fn(X, y, w, b) -> (grad_w, grad_b)`` of the mean NLL of logistic regression:
    :math:`\nabla_w L = \frac1n X^\top(a - y)`, :math:`\partial L/\partial b = \frac1n\sum(a-y)`
    with :math:`a = \sigma(Xw + b)` (notebook 03)."""
    _run(_EX_LOGISTIC, fn, _binary_cases())


def _ref_predict(X, w, b):
    return ((X @ w + b > 0).astype(np.int64),)


def _z(X, w, b):
    return X @ w + b


_EX_PREDICT = _Exercise(
    "check_predict_labels", ("labels",), _ref_predict,
    (
        _Mistake("thresholded z at 0.5: the rule is σ(z) > 0.5, which is z > 0",
                 lambda X, w, b: (_z(X, w, b) > 0.5,)),
        _Mistake("thresholded σ(z) at 0: σ(z) > 0 always holds; the rule is σ(z) > 0.5",
                 lambda X, w, b: (np.ones(len(X)),)),
        _Mistake("returned the probabilities σ(z), not labels: ŷ = 1 if σ(z) > 0.5 else 0",
                 lambda X, w, b: (sigmoid(_z(X, w, b)),)),
        _Mistake("returned the net input z, not labels: ŷ = 1 if z > 0 else 0",
                 lambda X, w, b: (_z(X, w, b),)),
        _Mistake("labels swapped: ŷ = 1 when z > 0, not when z < 0",
                 lambda X, w, b: (_z(X, w, b) < 0,)),
        _Mistake("the bias b is missing from z = Xw + b", lambda X, w, b: (_z(X, w, 0.0) > 0,)),
    ),
    "exp overflowed: compare z > 0 directly (σ(z) > 0.5 ⇔ z > 0), or use a stable sigmoid",
    integer=True,
)


def check_predict_labels(fn: Callable[..., np.ndarray]) -> None:
    r"""Check ``fn(X, w, b)`` returns integer labels :math:`\hat y = 1` if
    :math:`\sigma(Xw+b) > 0.5` (i.e. :math:`z > 0`) else 0, shape (n,) (notebook 03)."""
    rng = np.random.default_rng(_SEED)
    _run(_EX_PREDICT, fn, [
        _Case("z = -2, -0.2, 0.3, 2 (w = 1, b = 0)",
              {"X": np.array([[-2.0], [-0.2], [0.3], [2.0]]), "w": np.array([1.0]), "b": 0.0}),
        _Case("one example", {"X": np.array([[0.5, -1.0]]), "w": np.array([1.0, 1.0]), "b": 0.2}),
        _Case("random, n = 20, m = 3",
              {"X": rng.normal(size=(20, 3)), "w": rng.normal(size=3), "b": 0.4}),
        _Case("large logits z = ±1000, ±10000",
              {"X": np.array([[10.0], [-10.0], [100.0], [-100.0]]), "w": np.array([100.0]),
               "b": 0.0}, large=True),
    ])


# --- 04 binary cross-entropy from logits --------------------------------------------------

def _ref_bce(z, y):
    return (binary_cross_entropy_with_logits(z, y),)


_EX_BCE = _Exercise(
    "check_bce_with_logits", ("loss",), _ref_bce,
    (
        _Mistake("sign flipped: the loss is the NEGATIVE log-likelihood, −[y log a + "
                 "(1 − y) log(1 − a)]", _scaled(_ref_bce, lambda n: -1.0)),
        _Mistake(_SUM, _scaled(_ref_bce, lambda n: n)),
        _Mistake("brackets missing (the slide's erratum): −y log a + (1 − y) log(1 − a) instead "
                 "of −[y log a + (1 − y) log(1 − a)]",
                 lambda z, y: (np.mean(y * softplus(-z) - (1 - y) * softplus(z)),)),
        _Mistake("used log₂: cross-entropy here uses the natural log",
                 _scaled(_ref_bce, lambda n: 1 / np.log(2))),
        _Mistake("used the {−1, +1} form log(1 + e^(−yz)) with labels in {0, 1}: map y to "
                 "2y − 1 first", lambda z, y: (np.mean(softplus(-y * z)),)),
        _Mistake("clipped the probabilities (e.g. np.clip(a, eps, 1 − eps)): the loss then "
                 "saturates instead of growing like |z|; compute it from the logits, "
                 "softplus(z) − y·z, with softplus(z) = max(z, 0) + log(1 + e^(−|z|))",
                 detect=lambda case, i, got: case.large and got.shape == ()
                 and float(got) < 0.9 * float(_ref_bce(**case.args)[0])),
    ),
    "log σ(z) or log(1 − σ(z)) became log 0 (or exp overflowed): compute the loss from the "
    "logits, softplus(z) − y·z, with softplus(z) = max(z, 0) + log(1 + e^(−|z|))",
    ordinary="log of 0: did you take log(y)? The BCE slide swaps a and y (erratum); the loss is "
             "−[y log a + (1 − y) log(1 − a)] with a = σ(z)",
)


def check_bce_with_logits(fn: Callable[..., float]) -> None:
    r"""Check ``fn(z, y)`` = mean binary cross-entropy from logits,
    :math:`\frac1n\sum_i -[y_i\log\sigma(z_i) + (1-y_i)\log(1-\sigma(z_i))]`, finite for
    every finite z (notebook 04; slide "binary cross-entropy")."""
    rng = np.random.default_rng(_SEED)
    _run(_EX_BCE, fn, [
        _Case("z = 0, y = 1: loss = log 2", {"z": np.array([0.0]), "y": np.array([1])}),
        _Case("small z", {"z": np.array([-2.0, -0.5, 1.0, 3.0]), "y": np.array([0, 1, 1, 0])}),
        _Case("random, n = 10", {"z": rng.normal(scale=3.0, size=10), "y": rng.integers(0, 2, 10)}),
        _Case("large logits, wrong side: loss grows like |z|",
              {"z": np.array([1e3, -1e3, 1e4, -1e4]), "y": np.array([0, 1, 1, 0])}, large=True),
        _Case("large logits, right side: loss ≈ 0",
              {"z": np.array([1e3, -1e3, 40.0, -40.0]), "y": np.array([1, 0, 1, 0])}, large=True),
    ])


# --- 05 softmax and cross-entropy ----------------------------------------------------------

_Z_LECTURE = np.array([[-0.3, -0.5, -0.5], [-0.4, -0.1, -0.5], [-0.3, -0.94, -0.5],
                       [-0.99, -0.88, -0.5]])  # the original cross-entropy notebook's logits
_NO_SHIFT = ("no max-shift: exp(z) overflows for z ≳ 710; subtract each row's maximum first "
             "(softmax is unchanged by adding a constant to a row)")


def _ref_softmax(Z):
    return (softmax(Z, axis=1),)


_EX_SOFTMAX = _Exercise(
    "check_softmax", ("probabilities",), _ref_softmax,
    (
        _Mistake("normalised over the wrong axis: each row (example) must sum to 1, "
                 "so sum over axis=1 (the classes) with keepdims=True",
                 lambda Z: (softmax(Z, axis=0),)),
        _Mistake("normalised over all entries at once: sum each row separately "
                 "(axis=1, keepdims=True)",
                 lambda Z: (np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),)),
        _Mistake("not normalised: returned exp(z) without dividing by the row sum",
                 lambda Z: (np.exp(Z),)),
        _Mistake("subtracted the row maxima without keepdims=True: they broadcast along the "
                 "wrong axis", lambda Z: (softmax(Z - Z.max(axis=1), axis=1),)),
    ),
    _NO_SHIFT,
)


def check_softmax(fn: Callable[[np.ndarray], np.ndarray]) -> None:
    r"""Check ``fn(Z)`` = row-wise softmax :math:`e^{z_k} / \sum_j e^{z_j}` of Z (n, K),
    stable for any finite logits (notebook 05; slide "softmax")."""
    rng = np.random.default_rng(_SEED)
    _run(_EX_SOFTMAX, fn, [
        _Case("one example, equal logits: [0.5, 0.5]", {"Z": np.array([[0.0, 0.0]])}),
        _Case("one example, z = [1, 2, 3]", {"Z": np.array([[1.0, 2.0, 3.0]])}),
        _Case("random 3 × 3", {"Z": rng.normal(scale=2.0, size=(3, 3))}),
        _Case("the lecture's 4 × 3 logits", {"Z": _Z_LECTURE}),
        _Case("random 6 × 4", {"Z": rng.normal(scale=2.0, size=(6, 4))}),
        _Case("K = 2", {"Z": rng.normal(scale=2.0, size=(5, 2))}),
        _Case("large logits (equal row maxima)",
              {"Z": np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 1000.0]])}, large=True),
        _Case("rows on very different scales",
              {"Z": np.array([[1e4, 0.0, 1e4], [-1e4, -1e4 + 1, -1e4 + 2]])}, large=True,
              hint="subtract each row's own maximum, Z.max(axis=1, keepdims=True), not one "
                   "global maximum: a row far below it underflows to 0/0"),
    ])


def _ce(Z, y, axis=1):
    return -log_softmax(Z, axis=axis)[np.arange(len(y)), y]


def _ref_ce(Z, y):
    return (cross_entropy(Z, y),)


_EX_CE = _Exercise(
    "check_cross_entropy", ("loss",), _ref_ce,
    (
        _Mistake("sign flipped: the loss is −log of the true class's probability",
                 _scaled(_ref_ce, lambda n: -1.0)),
        _Mistake(_SUM, _scaled(_ref_ce, lambda n: n)),
        _Mistake("averaged over all n·K entries of −Y ⊙ log P: divide the sum by n only",
                 lambda Z, y: (np.mean(_ce(Z, y)) / Z.shape[1],)),
        _Mistake("softmax normalised over the wrong axis: use axis=1 (the classes)",
                 lambda Z, y: (np.mean(_ce(Z, y, axis=0)),)),
        _Mistake("indexed log P[:, y] (an n × n block) instead of log P[np.arange(n), y]",
                 lambda Z, y: (-np.mean(log_softmax(Z, axis=1)[:, y]),)),
        _Mistake("summed −log p over all classes: keep only the true class (one-hot Y)",
                 lambda Z, y: (-np.mean(log_softmax(Z, axis=1).sum(axis=1)),)),
    ),
    "log(softmax) became log 0 (or exp overflowed): use log-softmax, "
    "z_y − m − log Σ_j e^(z_j − m) with m the row maximum",
)


def check_cross_entropy(fn: Callable[..., float]) -> None:
    r"""Check ``fn(Z, y)`` = mean cross-entropy from logits,
    :math:`\frac1n\sum_i -\log\operatorname{softmax}(z^{[i]})_{y_i}` (notebook 05)."""
    rng = np.random.default_rng(_SEED)
    _run(_EX_CE, fn, [
        _Case("one example, equal logits: log 3", {"Z": np.zeros((1, 3)), "y": np.array([2])}),
        _Case("the lecture's example: mean 0.9335", {"Z": _Z_LECTURE, "y": np.array([0, 1, 2, 2])}),
        _Case("random 6 × 4", {"Z": rng.normal(scale=2.0, size=(6, 4)),
                               "y": np.array([0, 1, 2, 3, 1, 1])}),
        _Case("K = 2", {"Z": rng.normal(scale=2.0, size=(5, 2)), "y": np.array([0, 1, 1, 0, 1])}),
        _Case("large logits", {"Z": np.array([[1000.0, 0.0, -1000.0], [0.0, 1e4, 0.0]]),
                               "y": np.array([2, 1])}, large=True),
    ])


# --- 06 softmax regression gradient ----------------------------------------------------------

def _softreg(X, y, W, b, act=lambda Z: softmax(Z, axis=1), targets=None, with_b=True):
    Z = X @ W + (b if with_b else 0.0)
    Y = np.eye(W.shape[1])[y] if targets is None else targets(y)
    G = (act(Z) - Y) / len(y)
    return X.T @ G, G.sum(axis=0)


def _ref_softreg(X, y, W, b):
    G = cross_entropy_grad(X @ W + b, y)
    return X.T @ G, G.sum(axis=0)


_EX_SOFTREG = _Exercise(
    "check_softmax_regression_gradient", ("grad_W", "grad_b"), _ref_softreg,
    (
        _Mistake("bias gradient summed over the classes too (all zeros: each row of P − Y sums "
                 "to 0, so b never moves; the original notebook's bug): sum over the examples "
                 "only, axis=0",
                 detect=lambda case, i, got: i == 1 and got.dtype.kind in "biuf"
                 and bool(np.allclose(got, 0.0, atol=1e-12))),
        _Mistake("sign flipped: used Y − P (the descent direction); ∂L/∂Z = (P − Y)/n",
                 _scaled(_ref_softreg, lambda n: -1.0)),
        _Mistake(_SUM, _scaled(_ref_softreg, lambda n: n)),
        _Mistake("softmax normalised over the wrong axis: use axis=1 (the classes)",
                 lambda X, y, W, b: _softreg(X, y, W, b, act=lambda Z: softmax(Z, axis=0))),
        _Mistake("used the logits Z instead of the probabilities P = softmax(Z)",
                 lambda X, y, W, b: _softreg(X, y, W, b, act=lambda Z: Z)),
        _Mistake("subtracted the label y itself instead of its one-hot encoding Y",
                 lambda X, y, W, b: _softreg(X, y, W, b, targets=lambda y: y[:, None])),
        _Mistake("the bias b is missing from Z = XW + b",
                 lambda X, y, W, b: _softreg(X, y, W, b, with_b=False)),
    ),
    _NO_SHIFT,
)


def check_softmax_regression_gradient(fn: Callable[..., tuple]) -> None:
    r"""Check ``fn(X, y, W, b) -> (grad_W, grad_b)`` of the mean cross-entropy of softmax
    regression: :math:`\nabla_W L = X^\top(P - Y)/n`, :math:`\nabla_b L = \sum_i (P-Y)_i/n`,
    :math:`P = \operatorname{softmax}(XW + b)` (notebook 06)."""
    rng = np.random.default_rng(_SEED)

    def case(name: str, n: int, m: int, k: int) -> _Case:
        return _Case(name, {"X": rng.normal(size=(n, m)), "y": rng.integers(0, k, n),
                            "W": rng.normal(size=(m, k)), "b": rng.normal(size=k)})

    _run(_EX_SOFTREG, fn, [
        _Case("one example, zero weights: P = 1/3 each",
              {"X": np.array([[1.0, 2.0]]), "y": np.array([1]), "W": np.zeros((2, 3)),
               "b": np.zeros(3)}),
        case("random, n = 6, m = 3, K = 4", 6, 3, 4),
        case("K = 2, n = 5, m = 2", 5, 2, 2),
        _Case("large logits", {"X": np.array([[10.0, 0.0], [0.0, 10.0], [-10.0, 10.0]]),
                               "y": np.array([0, 2, 1]),
                               "W": np.array([[100.0, -100.0, 0.0], [0.0, 1000.0, 100.0]]),
                               "b": np.array([0.5, 0.0, -0.5])}, large=True),
    ])
