"""Property-based tests of every public function of logreg (hypothesis; the profile that makes
them deterministic is registered in conftest.py).

Every function gets arbitrary arguments: arrays of any shape (0-d and empty included) and dtype
(float16, float32, float64, integers, bool) whose entries reach the dtype's limits, NaN and inf,
passed as arrays (C or Fortran order, strided, reversed, read-only), nested lists or torch
tensors (also tensors that require grad), and things that are no arrays at all. Each call either

* returns what an independent reference computes (torch, scipy, scikit-learn, or the formula
  in extended precision) when the input is valid, or
* raises ValueError or TypeError naming an argument at fault when it is not,

and it never warns (pytest turns warnings into errors) and never changes its input.
"""

from __future__ import annotations

import pickle
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
import scipy.special
import scipy.stats
import torch
import torch.nn.functional as F
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from sklearn import metrics as sk_metrics

from logreg import activations as A
from logreg import data, diagrams, gradients, metrics, plots, style
from logreg import gradcheck as G
from logreg import losses as L
from logreg.models import HW2Neuron, LogisticRegression, SoftmaxRegression
from logreg.seeding import seed_everything

FLOATS = (np.float16, np.float32, np.float64)
DTYPES = (*FLOATS, np.int8, np.int64, np.uint8, np.bool_)


def mostly(good: st.SearchStrategy, bad: st.SearchStrategy, odds: int = 4) -> st.SearchStrategy:
    """``good`` ``odds`` times out of ``odds + 1``, else ``bad``: most examples should get far
    enough to be compared with a reference, the rest probe the errors."""
    return st.integers(0, odds).flatmap(lambda i: bad if i == odds else good)


def sometimes(usual, other, odds: int = 9) -> st.SearchStrategy:
    """The value ``usual``, or (one time in ``odds + 1``) a draw from ``other``."""
    return mostly(st.just(usual), other, odds)


SHAPES = mostly(
    hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4),
    hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=4),
)
#: Agreement asked of a result with its reference, by the result's dtype (relative and absolute).
TOL = {np.dtype(np.float32): 3e-5, np.dtype(np.float64): 1e-10}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- arguments ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Arg:
    """An argument as it is passed (``value``) and the numbers it holds (``values``, None when it
    holds none): the test judges validity and computes references from ``values``."""

    value: object
    values: np.ndarray | None
    how: str

    @property
    def seen_dtype(self) -> np.dtype | None:
        """The dtype numpy sees in ``value`` (a list of floats is float64)."""
        if self.values is None:
            return None
        return np.asarray(self.values.tolist()).dtype if self.how == "list" else self.values.dtype


def _elements(dtype: np.dtype, regime: str) -> st.SearchStrategy:
    """Entries of ``dtype``: "moderate" floats within +-40, "bounded" within +-1e3, "finite" up to
    the dtype's limits, "any" also NaN and inf (integers and bools: every value)."""
    if dtype.kind == "f":
        width = 8 * dtype.itemsize
        if regime in ("moderate", "bounded"):
            bound = 40 if regime == "moderate" else 1e3
            return st.floats(-bound, bound, width=width)
        return st.floats(width=width, allow_nan=regime == "any", allow_infinity=regime == "any")
    return hnp.from_dtype(dtype)


def _present(values: np.ndarray, how: str) -> object:
    """``values`` passed in one of the ways a user might: same numbers, different container."""
    if how == "read-only":
        out = values.copy()
        out.flags.writeable = False
        return out
    if how == "Fortran order":
        return np.array(values, order="F")
    if how == "strided":
        return np.repeat(values, 2, axis=-1)[..., ::2] if values.ndim else values
    if how == "reversed":
        return np.flip(np.flip(values).copy())
    if how == "list":
        return values.tolist()
    if how.startswith("tensor"):
        t = torch.tensor(values)
        return t.requires_grad_(True) if how.endswith("grad") and t.is_floating_point() else t
    return values


HOW = [
    "array",
    "read-only",
    "Fortran order",
    "strided",
    "reversed",
    "list",
    "tensor",
    "tensor requiring grad",
]
GARBAGE = {
    "None": None,
    "text": "abc",
    "strings": ["a", "b"],
    "ragged": [[1.0, 2.0], [3.0]],
    "complex": [1 + 2j, 0.5],
    "objects": [None, 1.0],
    "dict": {"a": 1.0},
    "bfloat16 tensor": torch.ones(2, dtype=torch.bfloat16),
}


@st.composite
def arrays(
    draw,
    shape=None,
    dtypes=DTYPES,
    elements=None,
    garbage=True,
    regimes=("moderate", "moderate", "finite", "any"),
) -> Arg:
    """An array-like argument; about one in twenty is garbage (no array of numbers at all)."""
    if garbage and draw(st.integers(0, 19)) == 0:
        kind = draw(st.sampled_from(sorted(GARBAGE)))
        return Arg(GARBAGE[kind], None, kind)
    dtype = np.dtype(draw(st.sampled_from(dtypes)))
    shape = draw(SHAPES) if shape is None else draw(shape) if isinstance(shape, st.SearchStrategy) else shape
    if elements is None:
        elements = _elements(dtype, draw(st.sampled_from(regimes)))
    values = draw(hnp.arrays(dtype, shape, elements=elements))
    how = draw(st.sampled_from(HOW))
    return Arg(_present(values, how), values, how)


def labels(choices, dtypes=(np.float32, np.float64, np.int64, np.int8, np.bool_)):
    """Elements drawn from ``choices`` mostly, anything now and then (2, -1, 0.5, NaN...)."""

    @st.composite
    def build(draw, shape=None, garbage=True):
        dtype = np.dtype(draw(st.sampled_from(dtypes)))
        if dtype == np.bool_:
            choices_here = st.booleans()
        else:
            choices_here = st.sampled_from([c for c in choices if dtype.kind != "u" or c >= 0])
        wild = draw(st.integers(0, 7)) == 0
        elements = _elements(dtype, "any") if wild else choices_here
        return draw(arrays(shape=shape, dtypes=(dtype,), elements=elements, garbage=garbage))

    return build


binary_labels = labels([0, 1])
signed_labels = labels([-1, 1], dtypes=(np.float32, np.float64, np.int64, np.int8))

#: Values for a count (n_classes, ncols...): valid and invalid, none so large that allocating
#: what it asks for would exhaust the machine.
SIZES = st.one_of(st.integers(-3, 8), st.sampled_from([True, None, "3", 2.5, np.int64(3), np.float64(2.0)]))
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-3, 3),
    st.integers(),
    st.sampled_from([True, None, "1", np.float32(0.5), np.int64(2), np.float64(1e-300)]),
)


# -- the oracle ----------------------------------------------------------------------------------


def _passed(x: object) -> object:
    return x.value if isinstance(x, Arg) else x


def _names(message: str, names) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", message) for name in names)


def call(fn: Callable, *args, valid: bool | None, blame, **kwargs):
    """``fn(*args, **kwargs)`` (Args passed by value): returns the result, or None when it raised
    ValueError or TypeError. ``valid`` says which is right (None: either); an error must name one
    of ``blame``. The arguments must come back unchanged."""
    args, kwargs = [_passed(a) for a in args], {k: _passed(v) for k, v in kwargs.items()}
    arrays_in = [
        a for a in [*args, *kwargs.values()] if not callable(a) and not isinstance(a, (Axes, Figure))
    ]
    before = pickle.dumps(arrays_in)
    try:
        result = fn(*args, **kwargs)
    except (ValueError, TypeError) as error:
        assert valid is not True, f"valid input rejected: {type(error).__name__}: {error}"
        assert _names(str(error), blame), f"{error!r} names none of {sorted(blame)}"
        result = None
        event(f"{getattr(fn, '__name__', fn)} raised")  # --hypothesis-show-statistics counts them
    else:
        assert valid is not False, f"invalid input accepted, returned {result!r}"
        event(f"{getattr(fn, '__name__', fn)} returned")
    assert pickle.dumps(arrays_in) == before, "the input was changed"
    return result


def result_dtype(arg: Arg) -> np.dtype:
    """The precision a result computed from ``arg`` has: float32 if numpy sees float32 in it,
    else float64."""
    return np.dtype(np.float32 if arg.seen_dtype == np.float32 else np.float64)


def assert_matches(
    ours,
    reference: Callable[[np.dtype], object],
    dtype: np.dtype,
    scale: float = 1.0,
    tol: float = 0.0,
    precise: Callable[[], np.ndarray] | None = None,
):
    """``ours`` has ``dtype`` and agrees with ``reference(dtype)`` (to ``TOL``, or ``tol`` if
    larger; absolute differences relative to ``scale``), or with a more accurate value: (float32)
    the float64 reference rounded to float32, or ``precise()`` (extended precision) rounded to
    ``dtype``, where torch's own formula over- or underflows: ours may be the more accurate one."""
    ours = np.asarray(ours)
    assert ours.dtype == dtype, f"dtype {ours.dtype}, expected {dtype}"
    assert not np.any(np.isnan(ours)), f"NaN from valid input: {ours}"
    failures = []
    candidates = [lambda p=p: reference(p) for p in dict.fromkeys([dtype, np.dtype(np.float64)])]
    for candidate in candidates + ([precise] if precise else []):
        with np.errstate(over="ignore"):
            expected = np.asarray(_numpy(candidate())).astype(dtype)
        try:
            assert ours.shape == expected.shape, f"shape {ours.shape} != {expected.shape}"
            rtol = max(TOL[dtype], tol)
            np.testing.assert_allclose(ours, expected, rtol=rtol, atol=rtol * scale)
            return
        except AssertionError as failure:
            failures.append(failure)
    raise failures[0]


def _numpy(x: object) -> object:
    return x.detach().numpy() if isinstance(x, torch.Tensor) else x


def tensor(arg: Arg, dtype: np.dtype, requires_grad: bool = False) -> torch.Tensor:
    with np.errstate(over="ignore"):
        values = np.asarray(arg.values, dtype=dtype)
    return torch.tensor(values, requires_grad=requires_grad)


def autograd(fn: Callable[..., torch.Tensor], arg: Arg, dtype: np.dtype, *others) -> torch.Tensor:
    """The gradient of the scalar ``fn(arg, *others)`` with respect to ``arg``, by torch."""
    x = tensor(arg, dtype, requires_grad=True)
    (grad,) = torch.autograd.grad(fn(x, *others), x)
    return grad


def finite(arg: Arg, ndim: int | None = None) -> bool:
    v = arg.values
    return (
        v is not None
        and v.size > 0
        and (ndim is None or v.ndim == ndim)
        and bool(np.all(np.isfinite(v.astype(np.float64))))
    )


def blame(**validity: bool) -> set[str]:
    """The arguments at fault (all of them if none is, so any name will do)."""
    return {name for name, ok in validity.items() if not ok} or set(validity)


# -- activations ---------------------------------------------------------------------------------

ELEMENTWISE = {
    A.sigmoid: torch.sigmoid,
    A.sigmoid_derivative: lambda t: torch.autograd.grad(torch.sigmoid(t).sum(), t)[0],
    L.softplus: lambda t: torch.logaddexp(torch.zeros_like(t), t),
}


@given(z=arrays())
def test_elementwise_functions_match_torch(z):
    for ours, theirs in ELEMENTWISE.items():
        result = call(ours, z, valid=finite(z), blame={"z"})
        if result is not None:
            assert_matches(result, lambda d, f=theirs: f(tensor(z, d, requires_grad=True)), result_dtype(z))


@given(
    p=st.one_of(
        arrays(), arrays(elements=st.sampled_from([0.0, 0.5, 1.0, 1e-300, 1 - 2**-53]), dtypes=(np.float64,))
    )
)
def test_logit_matches_torch(p):
    valid = finite(p) and bool(np.all((p.values >= 0) & (p.values <= 1)))
    result = call(A.logit, p, valid=valid, blame={"p"})
    if result is not None:
        assert_matches(result, lambda d: torch.logit(tensor(p, d)), result_dtype(p))


@st.composite
def logits_and_axis(draw):
    z = draw(arrays())
    ndim = z.values.ndim if z.values is not None else 1
    axis = draw(
        mostly(
            st.integers(-ndim, ndim - 1) if ndim else st.just(-1),
            st.sampled_from([-4, 3, 1.0, True, None, "0", (0, 1)]),
        )
    )
    return z, axis


@given(z_axis=logits_and_axis())
def test_softmax_family_matches_torch(z_axis):
    z, axis = z_axis
    axis_ok = integer(axis) and z.values is not None and -z.values.ndim <= axis < z.values.ndim
    z_ok = finite(z) and z.values.ndim > 0
    for ours, theirs in ((A.softmax, torch.softmax), (A.log_softmax, torch.log_softmax)):
        result = call(ours, z, axis=axis, valid=z_ok and axis_ok, blame=blame(z=z_ok, axis=axis_ok))
        if result is not None:
            assert_matches(result, lambda d, theirs=theirs: theirs(tensor(z, d), dim=axis), result_dtype(z))


# -- losses ------------------------------------------------------------------------------------


@st.composite
def pairs(draw, second=binary_labels, first=arrays):
    """``(first, y)``, usually of one shape, sometimes not."""
    shape = draw(SHAPES)
    return draw(first(shape=shape)), draw(second(shape=sometimes(shape, SHAPES)))


def probabilities(shape=None) -> st.SearchStrategy:
    """Mostly probabilities, the endpoints included; now and then anything."""
    return mostly(
        arrays(shape=shape, dtypes=(np.float64,), elements=st.floats(0.0, 1.0)), arrays(shape=shape)
    )


def same_shape(a: Arg, b: Arg) -> bool:
    return a.values is not None and b.values is not None and a.values.shape == b.values.shape


def in_set(arg: Arg, allowed) -> bool:
    return arg.values is not None and bool(np.all(np.isin(arg.values.astype(np.float64), allowed)))


def _bce(p, y):
    return F.binary_cross_entropy(p, y)


def _soft_margin(z, y):
    """torch's soft_margin_loss overflows to inf from z = 710 on; this equal form does not."""
    return F.binary_cross_entropy_with_logits(z, (y + 1) / 2)


PAIR_LOSSES = {
    # name: (loss, its gradient, torch's loss of (first, y), the first argument's name, y's values,
    #        tolerance: torch floors BCE's denominator at float32's 1e-12, 4e-9 from ours)
    "mse": (L.mse, L.mse_grad, F.mse_loss, "a", None, 0.0),
    "binary_cross_entropy": (
        L.binary_cross_entropy,
        L.binary_cross_entropy_grad,
        _bce,
        "probas",
        [0, 1],
        1e-8,
    ),
    "soft_margin_loss": (L.soft_margin_loss, L.soft_margin_loss_grad, _soft_margin, "logits", [-1, 1], 0.0),
}


@pytest.mark.parametrize("name", PAIR_LOSSES)
@given(data=st.data())
def test_pair_losses_match_torch(name, data):
    loss, loss_grad, theirs, first_name, y_values, tol = PAIR_LOSSES[name]
    second = {None: arrays, (0, 1): binary_labels, (-1, 1): signed_labels}[y_values and tuple(y_values)]
    a, y = data.draw(pairs(second=second, first=probabilities if name == "binary_cross_entropy" else arrays))
    a_ok = finite(a) and (name != "binary_cross_entropy" or bool(np.all((a.values >= 0) & (a.values <= 1))))
    y_ok = finite(y) and (y_values is None or in_set(y, y_values))
    shapes_ok = same_shape(a, y)
    dtype = np.result_type(result_dtype(a), result_dtype(y)) if name == "mse" else result_dtype(a)
    for grad in (False, True):
        result = call(
            loss_grad if grad else loss,
            a,
            y,
            valid=a_ok and y_ok and shapes_ok,
            blame=blame(**{first_name: a_ok and shapes_ok, "y": y_ok and shapes_ok}),
        )
        if result is None:
            continue

        def reference(d, grad=grad):
            t_y = tensor(y, d)
            if grad:
                return autograd(lambda t: theirs(t, t_y), a, d)
            return theirs(tensor(a, d), t_y)

        assert_matches(result, reference, dtype, tol=tol)


POS_WEIGHTS = mostly(st.floats(min_value=0.0, exclude_min=True, max_value=1e6), NUMBERS)


def number(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def integer(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def positive_number(value: object) -> bool:
    if not number(value):
        return False
    try:
        return bool(np.isfinite(float(value)) and value > 0)
    except OverflowError:  # an int beyond the float range
        return False


@given(pair=pairs(), pos_weight=POS_WEIGHTS)
def test_bce_with_logits_matches_torch(pair, pos_weight):
    z, y = pair
    z_ok, y_ok, p_ok = finite(z), finite(y) and in_set(y, [0, 1]), positive_number(pos_weight)
    dtype = result_dtype(z)
    if p_ok and float(pos_weight) > float(np.finfo(dtype).max):
        p_ok = False  # not representable in the logits' precision
    shapes_ok = same_shape(z, y)
    for grad in (False, True):
        fn = L.binary_cross_entropy_with_logits_grad if grad else L.binary_cross_entropy_with_logits
        result = call(
            fn,
            z,
            y,
            pos_weight=pos_weight,
            valid=z_ok and y_ok and p_ok and shapes_ok,
            blame=blame(logits=z_ok and shapes_ok, y=y_ok and shapes_ok, pos_weight=p_ok),
        )
        if result is None:
            continue

        def reference(d, grad=grad):
            # pos_weight as a weight on each positive example: torch's own pos_weight computes
            # 1 + (p - 1) y, which rounds to 0 for a p below 1e-16
            t_y = tensor(y, d)
            weight = torch.where(t_y == 1, torch.tensor(float(pos_weight), dtype=t_y.dtype), 1.0)
            loss = lambda t: F.binary_cross_entropy_with_logits(t, t_y, weight=weight)  # noqa: E731
            return autograd(loss, z, d) if grad else loss(tensor(z, d))

        # torch's gradient is p (sigmoid(z) - 1) for a positive: off by about eps * p
        assert_matches(result, reference, dtype, scale=max(1.0, float(pos_weight)))


@st.composite
def logits_and_targets(draw):
    """(logits (n, K), integer labels (n,) or one-hot (n, K)), occasionally mismatched or wrong."""
    n, k = draw(sometimes(3, st.integers(0, 4), odds=1)), draw(st.integers(1, 4))
    shape = draw(sometimes((n, k), SHAPES))
    z = draw(arrays(shape=shape))
    if draw(st.booleans()):
        y = draw(
            arrays(
                shape=(n,),
                dtypes=(np.int64, np.int8, np.float64, np.float32),
                elements=draw(sometimes(st.integers(0, k - 1), st.just(st.integers(-2, k + 1)))),
            )
        )
    else:
        rows = draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n))
        values = np.eye(k)[rows].reshape(n, k)
        if draw(st.integers(0, 9)) == 0:
            values = values * draw(st.sampled_from([0.5, 2.0, -1.0, np.nan]))
        how = draw(st.sampled_from(HOW))
        y = Arg(_present(values, how), values, how)
    return z, y


SMOOTHING = mostly(st.floats(0, 1), NUMBERS)


@given(pair=logits_and_targets(), label_smoothing=SMOOTHING)
def test_cross_entropy_matches_torch(pair, label_smoothing):
    z, y = pair
    z_ok = finite(z, ndim=2)
    n, k = z.values.shape if z_ok else (None, None)
    y_v = y.values
    if y_v is not None and y_v.ndim == 2:
        y_ok = finite(y) and y_v.shape == (n, k) and in_set(y, [0, 1]) and bool(np.all(y_v.sum(axis=1) == 1))
    else:
        y_ok = (
            y_v is not None
            and finite(y, ndim=1)
            and y_v.shape == (n,)
            and bool(np.all(np.isin(y_v, np.arange(k))))
        )
    s_ok = number(label_smoothing) and 0 <= label_smoothing <= 1
    for grad in (False, True):
        fn = L.cross_entropy_grad if grad else L.cross_entropy
        result = call(
            fn,
            z,
            y,
            label_smoothing=label_smoothing,
            valid=z_ok and y_ok and s_ok,
            blame=blame(logits=z_ok, y=y_ok, label_smoothing=s_ok),
        )
        if result is None:
            continue

        def reference(d, grad=grad):
            target = torch.tensor(y_v.astype(np.int64)) if y_v.ndim == 1 else tensor(y, d)
            loss = lambda t: F.cross_entropy(t, target, label_smoothing=float(label_smoothing))  # noqa: E731
            return autograd(loss, z, d) if grad else loss(tensor(z, d))

        def precise(grad=grad):
            """scipy's log-softmax in extended precision: torch's smoothing term sums the
            log-probabilities first and overflows for logits near the float64 limit."""
            logits = z.values.astype(np.longdouble)
            targets = (y_v if y_v.ndim == 2 else np.eye(k)[y_v.astype(np.int64)]).astype(np.longdouble)
            targets = (1 - label_smoothing) * targets + label_smoothing / k
            if grad:
                return (scipy.special.softmax(logits, axis=1) - targets) / n
            log_p = scipy.special.log_softmax(logits, axis=1)
            return -np.sum(np.where(targets > 0, targets * log_p, 0)) / n

        assert_matches(result, reference, result_dtype(z), precise=precise)


@given(
    y=arrays(
        elements=st.integers(0, 5),
        dtypes=(np.int64, np.int8, np.float32),
        shape=mostly(st.tuples(st.integers(1, 5)), SHAPES),
    ),
    n_classes=mostly(st.integers(6, 8), SIZES),
)
def test_one_hot_matches_torch(y, n_classes):
    k_ok = integer(n_classes) and n_classes >= 1
    y_ok = finite(y, ndim=1) and k_ok and bool(np.all(y.values.astype(np.float64) < n_classes))
    result = call(L.one_hot, y, n_classes, valid=k_ok and y_ok, blame=blame(y=y_ok, n_classes=k_ok))
    if result is not None:
        expected = F.one_hot(torch.tensor(y.values.astype(np.int64)), int(n_classes)).numpy()
        assert result.dtype == np.float64 and np.array_equal(result, expected)


# -- gradcheck ---------------------------------------------------------------------------------

EPS64 = np.finfo(np.float64).eps


def _coefficients(x: Arg) -> np.ndarray:
    shape = x.values.shape if x.values is not None else ()
    return np.arange(int(np.prod(shape))).reshape(shape) % 3 - 1.0  # -1, 0, 1, -1, ...


def _linear(c: np.ndarray) -> Callable[[np.ndarray], float]:
    def f(v):
        with np.errstate(over="ignore"):  # f's own overflow: inf, which numerical_gradient refuses
            return np.sum(c * v)

    return f


FUNCTIONS = {
    "linear": _linear,
    "array-valued": lambda c: lambda v: v * 1.0,
    "NaN-valued": lambda c: lambda v: np.nan,
    "tensor-valued": lambda c: lambda v: torch.tensor(np.sum(c * v), requires_grad=True),
}
EPSILONS = mostly(st.floats(1e-6, 1.0), NUMBERS)


@given(
    x=arrays(),
    eps=EPSILONS,
    kind=mostly(st.sampled_from(["linear", "tensor-valued"]), st.sampled_from(sorted(FUNCTIONS))),
)
def test_numerical_gradient_of_a_linear_function_is_its_coefficients(x, eps, kind):
    c = _coefficients(x)
    f = FUNCTIONS[kind](c)
    x_ok, eps_ok = finite(x), positive_number(eps)
    f_ok = kind in ("linear", "tensor-valued") or (kind == "array-valued" and x_ok and x.values.size == 1)
    ordinary = x_ok and eps_ok and f_ok and 1e-6 <= eps <= 1 and np.abs(x.values.astype(float)).max() <= 1e6
    valid = (True if ordinary else None) if x_ok and eps_ok and f_ok else False
    result = call(
        G.numerical_gradient,
        f,
        x,
        eps,
        valid=valid,
        blame=blame(x=x_ok, eps=eps_ok, **{"f(x)": f_ok}) | ({"eps", "f"} if x_ok and eps_ok else set()),
    )
    if result is None:
        return
    expected = np.ones_like(c) if kind == "array-valued" else c
    x64 = x.values.astype(np.float64)
    # rounding of x +- eps and of the sum f, over the step 2 eps
    bound = 8 * (x64.size + 1) ** 2 * EPS64 * (np.abs(x64).max() + eps) / eps
    assert result.dtype == np.float64 and result.shape == x.values.shape
    assert np.all(np.abs(result - expected) <= bound), (result, expected, bound)


GRADIENTS = {
    "right": lambda c: lambda v: c,
    "wrong": lambda c: lambda v: c + 1.0,
    "wrong shape": lambda c: lambda v: np.append(c, 1.0),
    "NaN": lambda c: lambda v: c * np.nan,
    "none": lambda c: lambda v: None,
}


@given(
    x=arrays(elements=st.floats(-1e3, 1e3), dtypes=(np.float64, np.float32)),
    kind=mostly(st.sampled_from(["right", "wrong"]), st.sampled_from(sorted(GRADIENTS))),
)
def test_check_gradient_tells_a_right_gradient_from_a_wrong_one(x, kind):
    c = _coefficients(x)
    grad_ok = kind in ("right", "wrong")
    result = call(
        G.check_gradient,
        _linear(c),
        GRADIENTS[kind](c),
        x,
        valid=finite(x) and grad_ok,
        blame=blame(x=finite(x), **{"grad(x)": grad_ok}),
    )
    if result is not None:
        assert isinstance(result, float)
        if kind == "right":
            assert result < 1e-6
        elif np.any(c + 1.0):  # c + 1 differs from c
            assert result > 1e-3


@st.composite
def same_shaped(draw, first=None, second=None):
    shape = draw(SHAPES)
    return draw((first or arrays)(shape=shape)), draw((second or arrays)(shape=sometimes(shape, SHAPES)))


@given(pair=same_shaped())
def test_relative_error_matches_the_formula_in_extended_precision(pair):
    a, b = pair
    shapes_ok = same_shape(a, b)
    result = call(
        G.relative_error,
        a,
        b,
        valid=finite(a) and finite(b) and shapes_ok,
        blame=blame(a=finite(a) and shapes_ok, b=finite(b) and shapes_ok),
    )
    if result is None:
        return
    a_, b_ = a.values.astype(np.longdouble), b.values.astype(np.longdouble)
    norm = lambda v: np.sqrt(np.sum(v * v))  # noqa: E731
    expected = norm(a_ - b_) / max(norm(a_) + norm(b_), np.longdouble(1e-12))
    assert isinstance(result, float)
    np.testing.assert_allclose(result, float(expected), rtol=1e-12, atol=0)


# -- metrics -----------------------------------------------------------------------------------

class_labels = labels([0, 1, 2, 3])


def integer_labels(arg: Arg) -> bool:
    return (
        finite(arg, ndim=1)
        and bool(np.all(arg.values == np.round(arg.values)))
        and bool(np.all(np.abs(arg.values.astype(np.float64)) < 2**53))
    )


@st.composite
def label_pairs(draw):
    n = draw(sometimes(5, st.integers(0, 6), odds=1))
    other = draw(sometimes(n, st.integers(0, 6)))
    return draw(class_labels(shape=sometimes((n,), SHAPES))), draw(class_labels(shape=(other,)))


@given(pair=label_pairs())
def test_accuracy_matches_torch(pair):
    t, p = pair
    t_ok, p_ok = integer_labels(t), integer_labels(p)
    lengths_ok = t_ok and p_ok and t.values.shape == p.values.shape
    result = call(
        metrics.accuracy,
        t,
        p,
        valid=lengths_ok,
        blame=blame(y_true=t_ok and lengths_ok, y_pred=p_ok and lengths_ok),
    )
    if result is not None:
        expected = torch.tensor(t.values.astype(np.int64)) == torch.tensor(p.values.astype(np.int64))
        assert isinstance(result, float) and result == expected.double().mean().item()


@given(pair=label_pairs(), n_classes=mostly(st.integers(4, 5), SIZES))
def test_confusion_matrix_matches_sklearn(pair, n_classes):
    t, p = pair
    k_ok = integer(n_classes) and n_classes >= 1
    t_ok = k_ok and integer_labels(t) and bool(np.all((t.values >= 0) & (t.values < n_classes)))
    p_ok = k_ok and integer_labels(p) and bool(np.all((p.values >= 0) & (p.values < n_classes)))
    lengths_ok = t_ok and p_ok and t.values.shape == p.values.shape
    result = call(
        metrics.confusion_matrix,
        t,
        p,
        n_classes,
        valid=k_ok and lengths_ok,
        blame=blame(y_true=t_ok and lengths_ok, y_pred=p_ok and lengths_ok, n_classes=k_ok),
    )
    if result is not None:
        with warnings.catch_warnings():  # scikit-learn's remark on a single label
            warnings.simplefilter("ignore", UserWarning)
            expected = sk_metrics.confusion_matrix(
                t.values.astype(np.int64), p.values.astype(np.int64), labels=range(n_classes)
            )
        assert np.array_equal(result, expected)


# -- data ----------------------------------------------------------------------------------------

SEEDS = mostly(st.integers(0, 2**40), NUMBERS)


@st.composite
def examples(draw):
    """(X, y): X with one row per example (any trailing shape), y one label per example."""
    n = draw(sometimes(6, st.integers(0, 6), odds=1))
    shape = draw(sometimes((n, *draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3))), SHAPES))
    y_len = draw(sometimes(n, st.integers(0, 6)))
    return draw(arrays(shape=shape)), draw(class_labels(shape=(y_len,)))


@given(xy=examples(), test_size=mostly(st.floats(0.2, 0.8), NUMBERS), seed=SEEDS)
def test_train_test_split_partitions_the_examples(xy, test_size, seed):
    X, y = xy
    X_ok = finite(X) and X.values.ndim >= 1
    y_ok = finite(y, ndim=1)
    lengths_ok = X_ok and y_ok and X.values.shape[0] == y.values.shape[0]
    size_ok = isinstance(test_size, (float, np.floating)) and 0 < test_size < 1
    n_test = int(round(test_size * X.values.shape[0])) if size_ok and lengths_ok else None
    split_ok = size_ok and (not lengths_ok or 0 < n_test < X.values.shape[0])
    seed_ok = integer(seed) and seed >= 0
    result = call(
        data.train_test_split,
        X,
        y,
        test_size=test_size,
        seed=seed,
        valid=lengths_ok and split_ok and seed_ok,
        blame=blame(X=X_ok and lengths_ok, y=y_ok and lengths_ok, test_size=split_ok, seed=seed_ok),
    )
    if result is None:
        return
    X_train, X_test, y_train, y_test = result
    seen = np.asarray(X.value.detach() if isinstance(X.value, torch.Tensor) else X.value)
    assert X_train.dtype == X_test.dtype == seen.dtype
    assert len(X_test) == len(y_test) == n_test and len(X_train) + n_test == len(X.values)

    def rows(X_part, y_part):  # each example as a row of its numbers and its label, sorted
        table = np.column_stack([np.asarray(X_part, dtype=np.float64).reshape(len(y_part), -1), y_part])
        return table[np.lexsort(table.T[::-1])]

    both = rows(np.concatenate([X_train, X_test]), np.concatenate([y_train, y_test]))
    assert np.array_equal(both, rows(X.values, y.values)), "the split must keep each example whole"


@st.composite
def training_and_other_sets(draw):
    n, m = draw(sometimes(4, st.integers(0, 5), odds=1)), draw(st.integers(1, 3))
    train = draw(arrays(shape=sometimes((n, m), SHAPES), dtypes=FLOATS + (np.int64,)))
    others = [
        draw(arrays(shape=(draw(st.integers(1, 3)), draw(sometimes(m, st.integers(0, 3))))))
        for _ in range(draw(st.integers(0, 2)))
    ]
    return train, others


@given(sets=training_and_other_sets(), ddof=mostly(st.integers(0, 1), NUMBERS))
def test_standardize_matches_scipy_in_extended_precision(sets, ddof):
    train, others = sets
    t_ok = finite(train, ndim=2)
    ddof_ok = integer(ddof) and ddof >= 0
    rows_ok = ddof_ok and t_ok and ddof < train.values.shape[0]
    varying = t_ok and not np.any(np.all(train.values == train.values[0], axis=0))
    o_ok = [finite(o, ndim=2) and t_ok and o.values.shape[1] == train.values.shape[1] for o in others]
    valid_so_far = t_ok and rows_ok and varying and all(o_ok)
    expected = []
    if valid_so_far:
        reference = train.values.astype(np.longdouble)
        expected = [scipy.stats.zscore(reference, ddof=ddof, axis=0)]
        expected += [scipy.stats.zmap(o.values.astype(np.longdouble), reference, ddof=ddof) for o in others]
    dtypes = [result_dtype(train)] + [np.result_type(result_dtype(o), result_dtype(train)) for o in others]
    fits = [bool(np.all(np.abs(e) <= np.finfo(d).max)) for e, d in zip(expected, dtypes, strict=False)]
    result = call(
        data.standardize,
        train,
        *others,
        ddof=ddof,
        valid=valid_so_far and all(fits),
        blame=blame(
            X_train=t_ok and varying,
            ddof=rows_ok,
            **{
                f"others[{i}]": ok and fit
                for i, (ok, fit) in enumerate(zip(o_ok, fits[1:] or [True] * len(o_ok), strict=True))
            },
        ),
    )
    if result is None:
        return
    assert len(result) == 1 + len(others)
    # a standardized value is off by about eps * |x| / std, which can exceed eps * |z|, where eps
    # is that of the training statistics
    spread = np.abs(reference).max(axis=0) / reference.std(axis=0, ddof=ddof)
    for ours, theirs, dtype in zip(result, expected, dtypes, strict=True):
        assert_matches(
            ours,
            lambda d, theirs=theirs: theirs,
            dtype,
            scale=float(spread.max()),
            tol=TOL[result_dtype(train)],
        )


# -- the models and their gradients --------------------------------------------------------------

MODELS = {
    # model: (torch loss of (logits, targets), the labels it takes)
    HW2Neuron: (lambda z, y: torch.mean((y - torch.sigmoid(z)) ** 2), binary_labels),
    LogisticRegression: (F.binary_cross_entropy_with_logits, binary_labels),
    SoftmaxRegression: (F.cross_entropy, class_labels),
}
GRADIENT_FUNCTIONS = {
    HW2Neuron: gradients.hw2_loss_and_gradients,
    LogisticRegression: gradients.logistic_loss_and_gradients,
    SoftmaxRegression: gradients.softmax_loss_and_gradients,
}


def _targets(cls, y: Arg, k: int | None, dtype) -> torch.Tensor:
    return torch.tensor(y.values.astype(np.int64)) if cls is SoftmaxRegression else tensor(y, dtype)


def _labels_ok(cls, y: Arg, k: int | None = None) -> bool:
    if cls is not SoftmaxRegression:
        return finite(y, ndim=1) and in_set(y, [0, 1])
    if not integer_labels(y) or np.any(y.values < 0):
        return False
    return bool(np.all(y.values < k)) if k else np.unique(y.values).size == y.values.max() + 1


@st.composite
def linear_problems(draw, cls, regimes=("moderate", "finite", "any")):
    """(X (n, m), y (n,), w, b) for ``cls``'s loss, now and then of mismatched shapes."""
    n, m, k = draw(sometimes(4, st.integers(0, 4), odds=1)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    w_shape, b_shape = ((m, k), (k,)) if cls is SoftmaxRegression else ((m,), ())
    w_shape = draw(sometimes(w_shape, SHAPES))
    X = draw(arrays(shape=sometimes((n, m), SHAPES), regimes=regimes))
    if cls is SoftmaxRegression:  # every class 0..k-1 present (fit infers k from them) mostly
        values = draw(sometimes(np.arange(n) % k, hnp.arrays(np.int64, (n,), elements=st.integers(-1, 3))))
        y = Arg(_present(values, draw(st.sampled_from(HOW))), values, "labels")
    else:
        y = draw(MODELS[cls][1](shape=(n,)))
    w = draw(arrays(shape=w_shape, regimes=regimes, dtypes=(np.float64, np.float32, np.int64)))
    b = draw(arrays(shape=b_shape, regimes=regimes, dtypes=(np.float64, np.float32, np.int64)))
    return X, y, w, b


@given(cls=st.sampled_from(list(MODELS)), data=st.data())
def test_loss_and_gradients_match_autograd(cls, data):
    # bounded: X @ w stays finite (gradients.py does not guard an overflow, see below)
    X, y, w, b = data.draw(linear_problems(cls, regimes=("bounded",)))
    X_ok = finite(X, ndim=2)
    w_ok = (
        X_ok
        and finite(w, ndim=len(w.values.shape) if w.values is not None else 0)
        and w.values.shape[:1] == X.values.shape[1:]
        and w.values.ndim == (2 if cls is SoftmaxRegression else 1)
    )
    b_ok = w_ok and finite(b) and b.values.shape == w.values.shape[1:]
    k = w.values.shape[1] if w_ok and cls is SoftmaxRegression else None
    y_ok = finite(y, ndim=1) and (_labels_ok(cls, y, k) if cls is not SoftmaxRegression or k else True)
    lengths_ok = X_ok and y_ok and X.values.shape[0] == y.values.shape[0]
    result = call(
        GRADIENT_FUNCTIONS[cls],
        X,
        y,
        w,
        b,
        valid=X_ok and w_ok and b_ok and y_ok and lengths_ok,
        blame=blame(X=X_ok and lengths_ok, y=y_ok and lengths_ok, w=w_ok, W=w_ok, b=b_ok),
    )
    if result is None:
        return
    loss, grad_w, grad_b = result
    # computed in X @ w's precision; a float64 b or y may promote the result (not in the softmax)
    dtype, precision = grad_w.dtype, np.result_type(result_dtype(X), result_dtype(w))
    assert dtype in (np.float32, np.float64) and dtype.itemsize >= precision.itemsize
    assert isinstance(loss, float) and grad_b.dtype == dtype

    def reference(d, which):
        wt, bt = tensor(w, d, requires_grad=True), tensor(b, d, requires_grad=True)
        value = MODELS[cls][0](tensor(X, d) @ wt + bt, _targets(cls, y, k, d))
        return [value, *torch.autograd.grad(value, (wt, bt))][which]

    scale = 1 + np.abs(X.values.astype(float)).max() * (1 + np.abs(w.values.astype(float)).max())
    for which, ours in enumerate((loss, grad_w, grad_b)):
        assert_matches(
            np.asarray(ours, dtype=dtype),
            lambda d, i=which: reference(d, i),
            dtype,
            scale=scale,
            tol=TOL[precision],
        )


@pytest.mark.parametrize("formula, W", [
    (gradients.hw2_loss_and_gradients, [1e200]),
    (gradients.logistic_loss_and_gradients, [1e200]),
    (gradients.softmax_loss_and_gradients, [[1e200, 0.0]]),
])
def test_a_net_input_beyond_the_float_range_is_named_not_warned(formula, W):
    b = 0.0 if np.ndim(W) == 1 else [0.0, 0.0]
    name = "w" if np.ndim(W) == 1 else "W"
    message = (f"X and {name} are too large together: the net input X @ {name} + b or its "
               f"gradient overflows float64; scale X or {name} down")
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        formula([[1e200]], [1], W, b)


HYPER = {
    "lr": mostly(st.floats(1e-3, 10.0), st.one_of(st.sampled_from([1e150, 1e300]), NUMBERS)),
    "epochs": mostly(st.integers(0, 3), SIZES, odds=9),
    "batch_size": mostly(st.one_of(st.none(), st.integers(1, 5)), SIZES, odds=9),
    "seed": mostly(st.integers(0, 5), SIZES, odds=9),
}


@given(cls=st.sampled_from(list(MODELS)), data=st.data(), hyper=st.fixed_dictionaries(HYPER))
def test_models_train_as_torch_computes_or_name_the_argument_at_fault(cls, data, hyper):
    X, y, _, _ = data.draw(linear_problems(cls))
    hyper_ok = {
        "lr": positive_number(hyper["lr"]),
        "epochs": integer(hyper["epochs"]) and hyper["epochs"] >= 0,
        "batch_size": hyper["batch_size"] is None
        or (integer(hyper["batch_size"]) and hyper["batch_size"] >= 1),
        "seed": integer(hyper["seed"]) and hyper["seed"] >= 0,
    }
    model = call(cls, **hyper, valid=all(hyper_ok.values()), blame=blame(**hyper_ok))
    if model is None:
        return
    X_ok, y_ok = finite(X, ndim=2), _labels_ok(cls, y)
    lengths_ok = X_ok and y_ok and X.values.shape[0] == y.values.shape[0]
    data_ok = X_ok and y_ok and lengths_ok
    # valid data may still make training diverge: then the error must name lr
    fitted = call(
        model.fit,
        X,
        y,
        valid=None if data_ok else False,
        blame=blame(X=X_ok and lengths_ok, y=y_ok and lengths_ok) if not data_ok else {"lr"},
    )
    if fitted is None:
        assert not hasattr(model, "w_"), "a failed fit leaves no parameters behind"
        return
    dtype = np.dtype(np.float32 if X.seen_dtype == np.float32 else np.float64)
    assert fitted is model and model.w_.dtype == model.b_.dtype == dtype
    assert len(model.history_) == hyper["epochs"] and np.all(np.isfinite(model.history_))
    if hyper["epochs"] == 1 and hyper["batch_size"] is None:  # one full-batch step from zero
        k = model.w_.shape[1] if cls is SoftmaxRegression else None
        w0 = np.zeros(model.w_.shape)
        w = Arg(w0, w0, "array")
        loss = lambda t: MODELS[cls][0](tensor(X, dtype) @ t, _targets(cls, y, k, dtype))  # noqa: E731
        grad = autograd(loss, w, dtype).numpy()
        scale = float(hyper["lr"]) * float(np.abs(X.values.astype(float)).max()) + 1  # may be inf
        assert_matches(model.w_, lambda d: -hyper["lr"] * grad, dtype, scale=scale, tol=1e-6)
    z = call(model.decision_function, X, valid=None, blame={"X"})
    if z is None:
        return
    predicted = call(model.predict, X, valid=True, blame=set())
    probabilities = call(model.predict_proba, X, valid=True, blame=set())
    n = X.values.shape[0]
    assert predicted.shape == (n,) and np.all(
        (predicted >= 0) & (predicted < max(2, model.w_.ndim and np.size(model.b_)))
    )
    assert np.all((probabilities >= 0) & (probabilities <= 1))


# -- figures (fewer examples: each draws with matplotlib) ----------------------------------------

FEW = settings(max_examples=settings.default.max_examples // 4)  # the profile's, loaded in conftest.py
AX = mostly(st.sampled_from(["new", "given"]), st.just("not an Axes"))


def _ax(kind: str):
    plt.close("all")  # the last example's figures
    return {"new": None, "given": plt.subplots()[1], "not an Axes": "axes"}[kind]


def drawable(arg: Arg, logy: bool = False) -> bool:
    if not finite(arg):
        return False
    v = arg.values.astype(np.float64)
    return bool(np.all((v >= 1e-100) & (v <= 1e100))) if logy else bool(np.all(np.abs(v) <= 1e300))


PREDICTORS = {
    "threshold": lambda G: (np.asarray(G)[:, 0] > 0).astype(int),
    "probabilities": lambda G: np.full(len(G), 0.5),
    "one label too few": lambda G: np.zeros(len(G) - 1, dtype=int),
    "NaN": lambda G: np.full(len(G), np.nan),
    "not callable": 3,
}


@FEW
@given(
    X=arrays(shape=sometimes((5, 2), st.tuples(st.integers(0, 5), st.sampled_from([2, 3])), odds=4)),
    y_choice=st.integers(0, 9),
    predictor=sometimes("threshold", st.sampled_from(sorted(PREDICTORS)), 4),
    resolution=mostly(st.integers(2, 6), SIZES),
    padding=mostly(st.floats(0.1, 2.0), NUMBERS),
    names=mostly(st.sampled_from([None, ("a", "b", "c", "d")]), st.sampled_from([(), "ab"])),
    ax=AX,
)
def test_plot_decision_regions_draws_or_names_the_argument_at_fault(
    X, y_choice, predictor, resolution, padding, names, ax
):
    n = X.values.shape[0] if X.values is not None and X.values.ndim else 0
    y = np.arange(n) % 4 if y_choice else np.arange(n) + 0.5  # one draw in ten: fractional labels
    X_ok = drawable(X) and X.values.ndim == 2 and X.values.shape[1] == 2
    y_ok = bool(y_choice) and n > 0
    res_ok = integer(resolution) and resolution >= 2
    pad_ok = positive_number(padding) and float(padding) <= 1e300
    if X_ok and pad_ok:
        v = X.values.astype(np.float64)
        pad_ok = bool(np.all(v.max(axis=0) + padding > v.min(axis=0) - padding))
    names_ok = names is None or len(names) == 4  # () and "ab" never name every class
    result = call(
        plots.plot_decision_regions,
        PREDICTORS[predictor],
        X,
        y,
        ax=_ax(ax),
        feature_names=("$x_1$", "$x_2$"),
        class_names=names,
        resolution=resolution,
        padding=padding,
        valid=X_ok
        and y_ok
        and res_ok
        and pad_ok
        and ax != "not an Axes"
        and predictor == "threshold"
        and names_ok,
        blame=blame(
            X=X_ok,
            y=y_ok,
            resolution=res_ok,
            padding=pad_ok,
            ax=ax != "not an Axes",
            predict=predictor != "not callable",
            class_names=names_ok,
            **{"predict(X)": predictor in ("threshold", "not callable")},
        ),
    )
    assert result is None or isinstance(result, Axes)


@FEW
@given(
    curves=st.lists(
        arrays(
            shape=st.tuples(st.integers(1, 4)),
            dtypes=(np.float64,),
            garbage=False,
            elements=mostly(st.floats(1e-3, 1e3), st.floats()),
        ),
        min_size=1,
        max_size=3,
    ),
    mapping=st.integers(0, 9),
    logy=st.booleans(),
    markevery=mostly(st.none(), SIZES),
    ax=AX,
)
def test_plot_loss_curves_draws_or_names_the_argument_at_fault(curves, mapping, logy, markevery, ax):
    histories = {f"run {i}": c.value for i, c in enumerate(curves)} if mapping else [c.value for c in curves]
    curves_ok = (
        bool(mapping) and bool(curves) and all(drawable(c, logy) and c.values.ndim == 1 for c in curves)
    )
    every_ok = markevery is None or (integer(markevery) and markevery >= 1)
    valid = curves_ok and every_ok and ax != "not an Axes"
    result = call(
        plots.plot_loss_curves,
        histories,
        ax=_ax(ax),
        logy=logy,
        markevery=markevery,
        valid=valid,
        blame=blame(histories=curves_ok, markevery=every_ok, ax=ax != "not an Axes")
        | {f"histories['run {i}']" for i in range(len(curves))},
    )
    if result is not None:
        assert isinstance(result, Axes) and len(result.get_lines()) == len(curves)


@FEW
@given(
    cm=arrays(
        shape=mostly(st.integers(1, 4).map(lambda k: (k, k)), SHAPES),
        elements=mostly(st.integers(0, 100), st.integers(-1, 0)),
        dtypes=(np.int64, np.float64, np.float32),
    ),
    names=mostly(st.sampled_from([None, "full"]), st.just("short")),
    ax=AX,
)
def test_plot_confusion_matrix_draws_or_names_the_argument_at_fault(cm, names, ax):
    cm_ok = (
        drawable(cm)
        and cm.values.ndim == 2
        and cm.values.shape[0] == cm.values.shape[1]
        and bool(np.all(cm.values >= 0))
    )
    k = cm.values.shape[0] if cm_ok else 0
    class_names = {None: None, "full": [f"c{i}" for i in range(k)], "short": ["c"] * (k - 1)}[names]
    names_ok = names != "short"
    result = call(
        plots.plot_confusion_matrix,
        cm,
        ax=_ax(ax),
        class_names=class_names,
        valid=cm_ok and names_ok and ax != "not an Axes",
        blame=blame(cm=cm_ok, class_names=names_ok, ax=ax != "not an Axes"),
    )
    if result is not None:
        assert isinstance(result, Axes) and len(result.texts) == k * k


@FEW
@given(
    images=arrays(shape=mostly(hnp.array_shapes(min_dims=3, max_dims=3, max_side=3), SHAPES)),
    titles=mostly(st.sampled_from([None, "one each"]), st.sampled_from(["one", "abc"])),
    ncols=mostly(st.integers(1, 4), SIZES),
    size=mostly(st.floats(0.5, 2.0), NUMBERS),
    symmetric=st.booleans(),
    colorbar=st.sampled_from([None, "weight"]),
)
def test_show_images_draws_or_names_the_argument_at_fault(images, titles, ncols, size, symmetric, colorbar):
    images_ok = drawable(images) and images.values.ndim == 3
    n = images.values.shape[0] if images_ok else 0
    title_list = {None: None, "one each": [str(i) for i in range(n)], "one": ["only"], "abc": "abc"}[titles]
    titles_ok = titles in (None, "one each") or (titles == "one" and n == 1)  # "abc" is no list
    ncols_ok = integer(ncols) and ncols >= 1
    size_ok = positive_number(size)
    valid = images_ok and titles_ok and ncols_ok and size_ok
    plt.close("all")
    result = call(
        plots.show_images,
        images,
        titles=title_list,
        ncols=ncols,
        size=size,
        symmetric=symmetric,
        colorbar=colorbar,
        valid=None if valid and size > 100 else valid,  # matplotlib refuses a figure it cannot size
        blame=blame(images=images_ok, titles=titles_ok, ncols=ncols_ok, size=size_ok),
    )
    if result is not None:
        assert isinstance(result, Figure) and sum(1 for a in result.axes if a.images) == n


@FEW
@given(
    activation=mostly(st.sampled_from([r"$a = \sigma(z)$", "step"]), st.sampled_from([3, None])),
    threshold=mostly(st.sampled_from([None, r"$\hat y$"]), st.just(0.5)),
    n_inputs=mostly(st.integers(1, 4), SIZES),
    n_classes=mostly(st.integers(2, 5), SIZES),
    ax=AX,
)
def test_diagrams_draw_or_name_the_argument_at_fault(activation, threshold, n_inputs, n_classes, ax):
    ax_ok = ax != "not an Axes"
    inputs_4, inputs_5 = (integer(n_inputs) and 1 <= n_inputs <= m for m in (4, 5))
    act_ok, thr_ok = isinstance(activation, str), threshold is None or isinstance(threshold, str)
    figure = call(
        diagrams.neuron_diagram,
        activation,
        threshold,
        n_inputs,
        _ax(ax),
        valid=act_ok and thr_ok and inputs_4 and ax_ok,
        blame=blame(activation=act_ok, threshold=thr_ok, n_inputs=inputs_4, ax=ax_ok),
    )
    assert figure is None or isinstance(figure, Figure)
    classes_ok = integer(n_classes) and 2 <= n_classes <= 5
    figure = call(
        diagrams.softmax_layer_diagram,
        n_inputs,
        n_classes,
        _ax(ax),
        valid=inputs_5 and classes_ok and ax_ok,
        blame=blame(n_inputs=inputs_5, n_classes=classes_ok, ax=ax_ok),
    )
    assert figure is None or isinstance(figure, Figure)


CAPTIONS = mostly(
    st.just("The loss falls with every epoch of training."), st.sampled_from(["too short", None, 42])
)


@FEW
@given(
    fig=mostly(st.just("legible"), st.sampled_from(["unlabelled", "not a figure"]), odds=2),
    caption=CAPTIONS,
    ax=mostly(st.just("given"), st.just("not an Axes")),
)
def test_style_checks_figures_or_names_the_argument_at_fault(fig, caption, ax):
    plt.close("all")
    with matplotlib.rc_context():
        style.use_style()
        _check_figures(fig, caption, ax)


def _check_figures(fig, caption, ax):
    figure, axes = plt.subplots(figsize=(4, 3))
    axes.plot([0, 1], [1, 0], label="loss")
    if fig == "legible":
        axes.set(xlabel="epoch", ylabel="loss")
    passed = figure if fig != "not a figure" else "figure"
    call(plots.legend_outside, axes if ax == "given" else "axes", valid=ax == "given", blame={"ax"})
    problems = call(style.legibility, passed, valid=fig != "not a figure", blame={"fig"})
    assert problems is None or (problems == []) == (fig == "legible")
    caption_ok = isinstance(caption, str) and len(caption.split()) >= 5
    call(
        style.show,
        passed,
        caption,
        valid=fig == "legible" and caption_ok,
        blame=blame(fig=fig != "not a figure", caption=caption_ok)
        | ({"figure"} if fig == "unlabelled" else set()),
    )


@FEW
@given(
    seed=mostly(st.integers(0, 2**32 - 1), st.one_of(st.just(2**32), SIZES, NUMBERS)),
    threads=mostly(st.sampled_from([None, 1]), st.sampled_from([0, 2.0, "1"])),
)
def test_seed_everything_seeds_or_names_the_argument_at_fault(seed, threads):
    before = torch.get_num_threads()
    seed_ok = integer(seed) and 0 <= seed < 2**32
    threads_ok = threads is None or threads == 1 and integer(threads)
    try:
        rng = call(
            seed_everything,
            seed,
            threads,
            valid=seed_ok and threads_ok,
            blame=blame(seed=seed_ok, threads=threads_ok),
        )
    finally:
        torch.set_num_threads(before)
    if rng is not None:
        assert rng.random() == np.random.default_rng(seed).random()
