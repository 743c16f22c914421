"""Bad input at every public boundary raises ValueError with a message that names the argument
and says what was expected. Each case gives the whole message, matched in full (a regular
expression; ``.*`` only stands for text numpy or matplotlib write)."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")  # also set in conftest.py; here so the module runs on its own

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from logreg import activations as A  # noqa: E402
from logreg import data, diagrams, plots, style  # noqa: E402
from logreg import gradcheck as G  # noqa: E402
from logreg import losses as L  # noqa: E402
from logreg.metrics import accuracy, confusion_matrix  # noqa: E402
from logreg.models import HW2Neuron, LogisticRegression, SoftmaxRegression  # noqa: E402
from logreg.seeding import seed_everything  # noqa: E402

nan, inf = np.nan, np.inf


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def bad(id, call, message):
    """One case: ``call()`` must raise ValueError whose message matches ``message`` in full."""
    return pytest.param(call, message, id=id)


def _check(call, message):
    with pytest.raises(ValueError) as raised:
        call()
    assert re.fullmatch(message, str(raised.value)), f"{str(raised.value)!r} is not {message!r}"


RAGGED = [[0.5, 0.5], [0.5]]
# Values that no numeric argument may take, whatever its shape, and what they are told.
NOT_NUMBERS = {
    "strings": (["a", "b"], "{arg} must be numeric, got dtype <U1"),
    "nan": ([0.5, nan], "{arg} must be finite, got NaN or inf"),
    "inf": ([0.5, inf], "{arg} must be finite, got NaN or inf"),
    "-inf": ([-inf, 0.5], "{arg} must be finite, got NaN or inf"),
    "empty": ([], r"{arg} must be non-empty, got shape \(0,\)"),
    "complex": ([0.5 + 1j, 0.5], "{arg} must be real-valued, got dtype complex128"),
    "objects": ([None, 0.5], "{arg} must be numeric, got dtype object"),
    "ragged": (
        RAGGED,
        r"{arg} must be a rectangular array of numbers, got a list that numpy cannot "
        r"convert \(setting an array element with a sequence\..*\)",
    ),
}


def _for_every_bad_value(functions, build, empty=None):
    """Cases for each (function, argument name) and each value in NOT_NUMBERS; ``build(fn, value)``
    makes the call, ``empty`` replaces the message for the empty value."""
    return [
        bad(
            f"{fn.__name__}-{arg}-{kind}",
            lambda fn=fn, v=v: build(fn, v),
            (empty if kind == "empty" and empty else message).format(arg=re.escape(arg)),
        )
        for fn, arg in functions
        for kind, (v, message) in NOT_NUMBERS.items()
    ]


# -- activations and softplus: one array argument ----------------------------------------------

ONE_ARRAY = [
    (A.sigmoid, "z"),
    (A.sigmoid_derivative, "z"),
    (A.logit, "p"),
    (A.softmax, "z"),
    (A.log_softmax, "z"),
    (L.softplus, "z"),
]
BFLOAT16 = (
    r"z must be a rectangular array of numbers, got a Tensor that numpy cannot convert \(.*BFloat16.*\)"
)


@pytest.mark.parametrize(
    "call, match",
    [
        *_for_every_bad_value(ONE_ARRAY, lambda fn, v: fn(v)),
        bad("logit-above-1", lambda: A.logit([0.5, 1.5]), r"p must contain probabilities in \[0, 1\]"),
        bad("logit-below-0", lambda: A.logit([-0.1, 0.5]), r"p must contain probabilities in \[0, 1\]"),
        bad("sigmoid-bfloat16-tensor", lambda: A.sigmoid(torch.ones(2, dtype=torch.bfloat16)), BFLOAT16),
        *[
            bad(
                f"{fn.__name__}-axis-{axis!r}",
                lambda fn=fn, axis=axis: fn(np.ones((2, 3)), axis=axis),
                rf"axis must be an integer in \[-2, 1\] for z of shape \(2, 3\), got {re.escape(repr(axis))}",
            )
            for fn in (A.softmax, A.log_softmax)
            for axis in (2, -3, 1.0, True, None, (0, 1))
        ],
        *[
            bad(
                f"{fn.__name__}-0-d",
                lambda fn=fn: fn(1.0),
                "z must have at least 1 dimension to take an axis of, got a 0-D array",
            )
            for fn in (A.softmax, A.log_softmax)
        ],
    ],
)
def test_activations(call, match):
    _check(call, match)


# -- binary losses: (first, y) of the same shape -----------------------------------------------

BINARY = [
    (L.mse, "a"),
    (L.mse_grad, "a"),
    (L.binary_cross_entropy, "probas"),
    (L.binary_cross_entropy_grad, "probas"),
    (L.binary_cross_entropy_with_logits, "logits"),
    (L.binary_cross_entropy_with_logits_grad, "logits"),
]
LABELS_01 = BINARY[2:]  # mse takes any real target
PROBAS = BINARY[2:4]
WITH_LOGITS = BINARY[4:]
GOOD_FIRST, GOOD_Y = [0.2, 0.7, 0.4], [0, 1, 1]


@pytest.mark.parametrize(
    "call, match",
    [
        *_for_every_bad_value(BINARY, lambda fn, v: fn(v, GOOD_Y[: len(v)])),
        *_for_every_bad_value(
            [(fn, "y") for fn, _ in BINARY], lambda fn, v: fn(GOOD_FIRST[: len(v) or None], v)
        ),
        *[
            bad(
                f"{fn.__name__}-shape",
                lambda fn=fn: fn(GOOD_FIRST[:2], GOOD_Y),
                rf"{arg} and y must have the same shape, got \(2,\) and \(3,\)",
            )
            for fn, arg in BINARY
        ],
        *[
            bad(
                f"{fn.__name__}-column-vs-row",
                lambda fn=fn: fn(np.c_[GOOD_FIRST], GOOD_Y),
                rf"{arg} and y must have the same shape, got \(3, 1\) and \(3,\)",
            )
            for fn, arg in BINARY
        ],
        *[
            bad(
                f"{fn.__name__}-label-{v}",
                lambda fn=fn, v=v: fn(GOOD_FIRST, [0, v, 1]),
                rf"y must contain only 0 and 1, got \[{float(v)}\]",
            )
            for fn, _ in LABELS_01
            for v in (2, -1, 0.5)
        ],
        *[
            bad(
                f"{fn.__name__}-probas-{v}",
                lambda fn=fn, v=v: fn([0.2, v, 0.4], GOOD_Y),
                r"probas must contain probabilities in \[0, 1\]",
            )
            for fn, _ in PROBAS
            for v in (1.5, -0.1)
        ],
        *[
            bad(
                f"{fn.__name__}-pos_weight-{p!r}",
                lambda fn=fn, p=p: fn(GOOD_FIRST, GOOD_Y, pos_weight=p),
                f"pos_weight must be a positive finite number, got {re.escape(repr(p))}",
            )
            for fn, _ in WITH_LOGITS
            for p in (0, -1.0, nan, inf, "2", True, None, 10**400)
        ],
        *[
            bad(
                f"{fn.__name__}-pos_weight-beyond-float32",
                lambda fn=fn: fn(np.float32(GOOD_FIRST), GOOD_Y, pos_weight=1e300),
                r"pos_weight must be at most 3\.40282e\+38 for float32 logits, got 1e\+300",
            )
            for fn, _ in WITH_LOGITS
        ],
        *[
            bad(
                f"{fn.__name__}-signed-label-{v}",
                lambda fn=fn, v=v: fn(GOOD_FIRST, [1, v, -1]),
                r"y must contain only -1 and \+1 \(for labels 0 and 1 use binary_cross_entropy_with_logits\)",
            )
            for fn in (L.soft_margin_loss, L.soft_margin_loss_grad)
            for v in (0, 2, 0.5)
        ],
    ],
)
def test_binary_losses(call, match):
    _check(call, match)


# -- cross-entropy (labels or one-hot) and one_hot ---------------------------------------------

Z = np.array([[0.1, 0.2, 0.3], [1.0, -1.0, 0.0], [2.0, 0.5, -0.5]])
ONE_HOT_BAD = {
    "two-ones": [[1, 1, 0], [0, 1, 0], [0, 0, 1]],
    "no-one": [[0, 0, 0], [0, 1, 0], [0, 0, 1]],
    "fractions": [[0.5, 0.5, 0], [0, 1, 0], [0, 0, 1]],
    "minus-one": [[-1, 1, 1], [0, 1, 0], [0, 0, 1]],
}
LABELS_SHAPE = r"y must be integer labels of shape \(3,\) or one-hot of shape \(3, 3\), got shape "
INTEGER_LABELS = r"must contain integer class labels \(whole numbers below 2\*\*53 in magnitude\), got "
CE_CASES = [
    ("logits-1d", lambda fn: fn(Z[0], [0, 1, 2]), r"logits must be 2-D, got shape \(3,\)"),
    ("logits-3d", lambda fn: fn(Z[None], [0, 1, 2]), r"logits must be 2-D, got shape \(1, 3, 3\)"),
    ("logits-empty", lambda fn: fn(np.zeros((0, 3)), []), r"logits must be non-empty, got shape \(0, 3\)"),
    ("logits-nan", lambda fn: fn(Z * [1, nan, 1], [0, 1, 2]), "logits must be finite, got NaN or inf"),
    ("logits-strings", lambda fn: fn(Z.astype(str), [0, 1, 2]), "logits must be numeric, got dtype <U32"),
    ("label-K", lambda fn: fn(Z, [0, 1, 3]), r"y must contain labels in \[0, 3\), got values from 0 to 3"),
    (
        "label-negative",
        lambda fn: fn(Z, [0, -1, 2]),
        r"y must contain labels in \[0, 3\), got values from -1 to 2",
    ),
    ("label-fraction", lambda fn: fn(Z, [0, 1.5, 2]), rf"y {INTEGER_LABELS}\[1\.5\]"),
    ("labels-short", lambda fn: fn(Z, [0, 1]), LABELS_SHAPE + r"\(2,\)"),
    ("labels-scalar", lambda fn: fn(Z, 1), LABELS_SHAPE + r"\(\)"),
    ("labels-3d", lambda fn: fn(Z, np.zeros((3, 3, 1))), LABELS_SHAPE + r"\(3, 3, 1\)"),
    ("labels-strings", lambda fn: fn(Z, ["a", "b", "c"]), "y must be numeric, got dtype <U1"),
    ("labels-nan", lambda fn: fn(Z, [0, nan, 1]), "y must be finite, got NaN or inf"),
    ("labels-ragged", lambda fn: fn(Z, RAGGED), "y must be a rectangular array of numbers, got a list .*"),
    (
        "one-hot-wrong-K",
        lambda fn: fn(Z, np.eye(3)[:, :2]),
        r"logits and y must have the same shape, got \(3, 3\) and \(3, 2\)",
    ),
    ("one-hot-nan", lambda fn: fn(Z, np.eye(3) * [1, nan, 1]), "y must be finite, got NaN or inf"),
    *[
        (
            f"one-hot-{k}",
            lambda fn, v=v: fn(Z, v),
            "y given as a 2-D array must be one-hot: each row one 1, rest 0",
        )
        for k, v in ONE_HOT_BAD.items()
    ],
    *[
        (
            f"label_smoothing-{e!r}",
            lambda fn, e=e: fn(Z, [0, 1, 2], label_smoothing=e),
            rf"label_smoothing must be a number in \[0, 1\], got {re.escape(repr(e))}",
        )
        for e in (-0.1, 1.5, nan, "0.1", True, None)
    ],
]


@pytest.mark.parametrize(
    "call, match",
    [
        bad(f"{fn.__name__}-{id}", lambda fn=fn, c=c: c(fn), m)
        for fn in (L.cross_entropy, L.cross_entropy_grad)
        for id, c, m in CE_CASES
    ],
)
def test_cross_entropy(call, match):
    _check(call, match)


@pytest.mark.parametrize(
    "call, match",
    [
        *[
            bad(
                f"n_classes-{k!r}",
                lambda k=k: L.one_hot([0, 1], k),
                f"n_classes must be a positive integer, got {re.escape(repr(k))}",
            )
            for k in (0, -1, 2.5, "3", None, True)
        ],
        bad(
            "label-K",
            lambda: L.one_hot([0, 3], 3),
            r"y must contain labels in \[0, 3\), got values from 0 to 3",
        ),
        bad("label-fraction", lambda: L.one_hot([0, 0.5], 3), rf"y {INTEGER_LABELS}\[0\.5\]"),
        bad("labels-2d", lambda: L.one_hot([[0, 1]], 3), r"y must be 1-D, got shape \(1, 2\)"),
        bad("labels-strings", lambda: L.one_hot(["a"], 3), "y must be numeric, got dtype <U1"),
        bad("labels-empty", lambda: L.one_hot([], 3), r"y must be non-empty, got shape \(0,\)"),
    ],
)
def test_one_hot(call, match):
    _check(call, match)


# -- gradcheck ---------------------------------------------------------------------------------


def _square(x):
    return float(np.sum(x**2))


@pytest.mark.parametrize(
    "call, match",
    [
        *_for_every_bad_value(
            [(G.numerical_gradient, "x"), (G.check_gradient, "x")],
            lambda fn, v: fn(_square, v) if fn is G.numerical_gradient else fn(_square, lambda x: 2 * x, v),
        ),
        *[
            bad(
                f"eps-{e!r}",
                lambda e=e: G.numerical_gradient(_square, [1.0], eps=e),
                f"eps must be a positive finite number, got {re.escape(repr(e))}",
            )
            for e in (0.0, -1e-6, nan, inf, "1e-6", None)
        ],
        bad(
            "eps-too-large",
            lambda: G.numerical_gradient(_square, [1e308], eps=1e308),
            r"eps=1e\+308 is too large for x: x \+ eps or x - eps overflows float64",
        ),
        bad(
            "eps-too-small",
            lambda: G.numerical_gradient(_square, [0.0, 1e10], eps=1e-7),
            r"eps=1e-07 is too small for x: x \+ eps == x - eps for an entry of magnitude 1e\+10",
        ),
        bad(
            "f-array-valued",
            lambda: G.numerical_gradient(lambda v: v, [1.0, 2.0]),
            r"f\(x\) must be a number, got shape \(2,\)",
        ),
        bad(
            "f-nan",
            lambda: G.numerical_gradient(lambda v: np.nan, [1.0]),
            r"f\(x\) must be finite, got NaN or inf",
        ),
        bad(
            "f-text",
            lambda: G.numerical_gradient(lambda v: "1", [1.0]),
            r"f\(x\) must be numeric, got dtype <U1",
        ),
        bad(
            "f-too-steep",
            lambda: G.numerical_gradient(lambda v: 1e300 * float(v[0] > 0), [0.0], eps=1e-10),
            r"f changes too fast for eps=1e-10: a finite difference overflows float64",
        ),
        bad(
            "grad-wrong-shape",
            lambda: G.check_gradient(_square, lambda x: np.ones(3), [1.0, 2.0]),
            r"grad\(x\) must have the shape of x, \(2,\), got \(3,\)",
        ),
        bad(
            "grad-nan",
            lambda: G.check_gradient(_square, lambda x: x * nan, [1.0, 2.0]),
            r"grad\(x\) must be finite, got NaN or inf",
        ),
        bad(
            "grad-none",
            lambda: G.check_gradient(_square, lambda x: None, [1.0, 2.0]),
            r"grad\(x\) must be numeric, got dtype object",
        ),
        *_for_every_bad_value([(G.relative_error, "a")], lambda fn, v: fn(v, [1.0, 1.0][: len(v)])),
        *_for_every_bad_value([(G.relative_error, "b")], lambda fn, v: fn([1.0, 1.0][: len(v) or None], v)),
        bad(
            "relative-error-shapes",
            lambda: G.relative_error(np.ones(3), np.ones((3, 1))),
            r"a and b must have the same shape, got \(3,\) and \(3, 1\)",
        ),
    ],
)
def test_gradcheck(call, match):
    _check(call, match)


# -- data: split, standardize, seeding ---------------------------------------------------------

X10, Y10 = np.arange(20.0).reshape(10, 2), np.arange(10) % 2


@pytest.mark.parametrize(
    "call, match",
    [
        *[
            bad(
                f"test_size-{t!r}",
                lambda t=t: data.train_test_split(X10, Y10, test_size=t),
                rf"test_size must be a fraction in \(0, 1\), got {re.escape(repr(t))}",
            )
            for t in (0, 1, -0.5, 1.5, nan, "0.25", None)
        ],
        *[
            bad(
                f"test_size-{t}-empty-split",
                lambda t=t: data.train_test_split(X10, Y10, test_size=t),
                rf"test_size={t} leaves an empty train or test set",
            )
            for t in (0.01, 0.99)
        ],
        *[
            bad(
                f"seed-{s!r}",
                lambda s=s: data.train_test_split(X10, Y10, seed=s),
                f"seed must be a non-negative integer, got {re.escape(repr(s))}",
            )
            for s in (-1, 1.5, "1", None, True)
        ],
        bad(
            "lengths",
            lambda: data.train_test_split(X10, Y10[:9]),
            "X and y must have the same number of examples, got 10 and 9",
        ),
        bad(
            "X-empty",
            lambda: data.train_test_split(np.zeros((0, 2)), []),
            r"X must be non-empty, got shape \(0, 2\)",
        ),
        bad(
            "X-scalar",
            lambda: data.train_test_split(3.0, [1]),
            r"X must be a non-empty array of examples \(one per row\), got shape \(\)",
        ),
        bad("y-scalar", lambda: data.train_test_split(X10, 1), r"y must be 1-D, got shape \(\)"),
        bad("y-2d", lambda: data.train_test_split(X10, Y10[:, None]), r"y must be 1-D, got shape \(10, 1\)"),
        bad("X-nan", lambda: data.train_test_split(X10 * nan, Y10), "X must be finite, got NaN or inf"),
        bad(
            "X-strings",
            lambda: data.train_test_split(X10.astype(str), Y10),
            "X must be numeric, got dtype <U32",
        ),
        bad(
            "X-ragged",
            lambda: data.train_test_split(RAGGED, [0, 1]),
            "X must be a rectangular array of numbers, got a list .*",
        ),
    ],
)
def test_train_test_split(call, match):
    _check(call, match)


TRAIN = np.array([[1.0, 2.0], [2.0, 0.0], [4.0, 1.0]])


@pytest.mark.parametrize(
    "call, match",
    [
        *_for_every_bad_value(
            [(data.standardize, "X_train")],
            lambda fn, v: fn(v if v is RAGGED else np.reshape(v, (-1, 1))),
            empty=r"X_train must be non-empty, got shape \(0, 1\)",
        ),
        bad("X_train-1d", lambda: data.standardize(TRAIN[0]), r"X_train must be 2-D, got shape \(2,\)"),
        bad(
            "constant-feature",
            lambda: data.standardize(TRAIN * [1, 0]),
            r"X_train has a constant feature \(column 1\); its standard deviation is 0",
        ),
        bad(
            "others-features",
            lambda: data.standardize(TRAIN, TRAIN[:, :1]),
            r"others\[0\] must have 2 features, got 1",
        ),
        bad(
            "others-1d",
            lambda: data.standardize(TRAIN, TRAIN[0]),
            r"others\[0\] must be 2-D, got shape \(2,\)",
        ),
        bad(
            "second-other-nan",
            lambda: data.standardize(TRAIN, TRAIN, TRAIN * nan),
            r"others\[1\] must be finite, got NaN or inf",
        ),
        bad(
            "other-beyond-float64",
            lambda: data.standardize([[0.0], [1e-300]], [[1e10]]),
            r"others\[0\] lies too far outside X_train's range: standardized, it overflows float64",
        ),
        bad(
            "ddof-too-large",
            lambda: data.standardize(TRAIN[:1], ddof=1),
            r"ddof must be smaller than the number of rows of X_train \(1\), got 1",
        ),
        *[
            bad(
                f"ddof-{d!r}",
                lambda d=d: data.standardize(TRAIN, ddof=d),
                f"ddof must be a non-negative integer, got {re.escape(repr(d))}",
            )
            for d in (-1, 0.5, "1", None)
        ],
    ],
)
def test_standardize(call, match):
    _check(call, match)


@pytest.mark.parametrize(
    "call, match",
    [
        *[
            bad(
                f"seed-{s!r}",
                lambda s=s: seed_everything(s, threads=1),
                rf"seed must be a non-negative integer below 2\*\*32, got {re.escape(repr(s))}",
            )
            for s in (-1, 1.5, "1", None, 2**32)
        ],
        *[
            bad(
                f"threads-{t!r}",
                lambda t=t: seed_everything(0, threads=t),
                f"threads must be a positive integer, got {re.escape(repr(t))}",
            )
            for t in (0, -1, 2.0, "2")
        ],
    ],
)
def test_seed_everything(call, match):
    threads = torch.get_num_threads()
    _check(call, match)
    assert torch.get_num_threads() == threads, "a rejected call must not change the thread count"


@pytest.mark.parametrize(
    "env, match",
    [
        ("0", "threads must be a positive integer, got 0"),
        ("two", "LOGREG_THREADS must be a positive integer, got 'two'"),
    ],
)
def test_seed_everything_rejects_a_bad_logreg_threads(monkeypatch, env, match):
    monkeypatch.setenv("LOGREG_THREADS", env)
    _check(lambda: seed_everything(0), match)


# -- models ------------------------------------------------------------------------------------

MODELS = [HW2Neuron, LogisticRegression, SoftmaxRegression]
XY = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]), np.array([0, 1, 1, 0])


def _per_model(cases):
    return [
        bad(f"{cls.__name__}-{id}", lambda cls=cls, c=c: c(cls), m.format(cls=cls.__name__))
        for cls in MODELS
        for id, c, m in cases
    ]


CONSTRUCTOR = [
    *[
        (
            f"lr-{v!r}",
            lambda cls, v=v: cls(lr=v),
            f"lr must be a positive finite number, got {re.escape(repr(v))}",
        )
        for v in (0, -0.1, nan, inf, "0.1", None, True)
    ],
    *[
        (
            f"epochs-{v!r}",
            lambda cls, v=v: cls(epochs=v),
            f"epochs must be a non-negative integer, got {re.escape(repr(v))}",
        )
        for v in (-1, 1.5, "10", None)
    ],
    *[
        (
            f"batch_size-{v!r}",
            lambda cls, v=v: cls(batch_size=v),
            f"batch_size must be None or a positive integer, got {re.escape(repr(v))}",
        )
        for v in (0, -1, 2.5, "8")
    ],
    *[
        (
            f"seed-{v!r}",
            lambda cls, v=v: cls(seed=v),
            f"seed must be a non-negative integer, got {re.escape(repr(v))}",
        )
        for v in (-1, 0.5, None)
    ],
]
FIT = [
    ("X-1d", lambda cls: cls().fit(XY[0][:, 0], XY[1]), r"X must be 2-D, got shape \(4,\)"),
    ("X-empty", lambda cls: cls().fit(np.zeros((0, 2)), []), r"X must be non-empty, got shape \(0, 2\)"),
    ("X-nan", lambda cls: cls().fit(XY[0] * nan, XY[1]), "X must be finite, got NaN or inf"),
    ("X-strings", lambda cls: cls().fit(XY[0].astype(str), XY[1]), "X must be numeric, got dtype <U32"),
    (
        "X-ragged",
        lambda cls: cls().fit(RAGGED, [0, 1]),
        "X must be a rectangular array of numbers, got a list .*",
    ),
    ("y-2d", lambda cls: cls().fit(XY[0], XY[1][:, None]), r"y must be 1-D, got shape \(4, 1\)"),
    ("y-nan", lambda cls: cls().fit(XY[0], [0, nan, 1, 0]), "y must be finite, got NaN or inf"),
    ("y-strings", lambda cls: cls().fit(XY[0], ["0", "1", "1", "0"]), "y must be numeric, got dtype <U1"),
    (
        "lengths",
        lambda cls: cls().fit(XY[0], XY[1][:3]),
        "X and y must have the same number of examples, got 4 and 3",
    ),
    (
        "partial-fit-features",
        lambda cls: cls(epochs=1).fit(*XY).partial_fit(np.ones((4, 3)), XY[1]),
        "X must have 2 features, got 3",
    ),
]
PREDICT = [
    (
        f"{method}-{id}",
        lambda cls, method=method, X=X: getattr(cls(epochs=1).fit(*XY), method)(X),
        m,
    )
    for method in ("predict", "predict_proba", "decision_function")
    for id, X, m in [
        ("3-features", np.ones((2, 3)), "X must have 2 features, got 3"),
        ("1d", np.ones(2), r"X must be 2-D, got shape \(2,\)"),
        ("nan", np.full((2, 2), nan), "X must be finite, got NaN or inf"),
    ]
] + [
    (
        f"{method}-before-fit",
        lambda cls, method=method: getattr(cls(), method)(XY[0]),
        r"this {cls} is not fitted yet: call fit\(X, y\) first",
    )
    for method in ("predict", "predict_proba", "decision_function")
]


@pytest.mark.parametrize(
    "call, match",
    [
        *_per_model(CONSTRUCTOR + FIT + PREDICT),
        *[
            bad(
                f"{cls.__name__}-y-{label}",
                lambda cls=cls, label=label: cls().fit(XY[0], [0, label, 1, 0]),
                rf"y must contain only 0 and 1, got \[{float(label)}\]",
            )
            for cls in (HW2Neuron, LogisticRegression)
            for label in (2, -1, 0.5)
        ],
        bad(
            "SoftmaxRegression-y-negative",
            lambda: SoftmaxRegression().fit(XY[0], [0, -1, 1, 0]),
            r"y must contain class labels 0, 1, \.\.\., K - 1, got -1",
        ),
        bad(
            "SoftmaxRegression-y-fraction",
            lambda: SoftmaxRegression().fit(XY[0], [0, 0.5, 1, 0]),
            rf"y {INTEGER_LABELS}\[0\.5\]",
        ),
        bad(
            "SoftmaxRegression-y-gap",
            lambda: SoftmaxRegression().fit(XY[0], [0, 2, 2, 0]),
            r"y must contain every class from 0 to its largest label 2, but misses 1 of them \(1\); "
            r"pass n_classes if the model should have them anyway",
        ),
        *[
            bad(
                f"n_classes-{k!r}",
                lambda k=k: SoftmaxRegression(n_classes=k),
                f"n_classes must be None or an integer >= 2, got {re.escape(repr(k))}",
            )
            for k in (1, 0, 2.5, "3")
        ],
        bad(
            "labels-beyond-n_classes",
            lambda: SoftmaxRegression(n_classes=2).fit(XY[0], [0, 1, 2, 0]),
            r"y must contain labels in \[0, 2\), got values from 0 to 2",
        ),
    ],
)
def test_models(call, match):
    _check(call, match)


def test_models_accept_a_numpy_float32_learning_rate():
    assert LogisticRegression(lr=np.float32(0.1)).lr == pytest.approx(0.1)


# -- metrics -----------------------------------------------------------------------------------

GOOD_LABELS = [0, 1, 2]


@pytest.mark.parametrize(
    "call, match",
    [
        *_for_every_bad_value(
            [(accuracy, "y_true"), (confusion_matrix, "y_true")],
            lambda fn, v: fn(v, GOOD_LABELS[: len(v)], *([3] if fn is confusion_matrix else [])),
        ),
        *_for_every_bad_value(
            [(accuracy, "y_pred"), (confusion_matrix, "y_pred")],
            lambda fn, v: fn(GOOD_LABELS[: len(v) or None], v, *([3] if fn is confusion_matrix else [])),
        ),
        bad(
            "accuracy-lengths",
            lambda: accuracy([0, 1], [0, 1, 1]),
            "y_true and y_pred must have the same number of examples, got 2 and 3",
        ),
        bad("accuracy-2d", lambda: accuracy([[0, 1]], [[0, 1]]), r"y_true must be 1-D, got shape \(1, 2\)"),
        bad(
            "accuracy-probabilities",
            lambda: accuracy([0, 1, 1], [0.1, 0.7, 0.9]),
            rf"y_pred {INTEGER_LABELS}\[0\.1, 0\.7, 0\.9\]",
        ),
        bad(
            "accuracy-labels-beyond-2**53",
            lambda: accuracy([2**53], [2**53 + 1]),
            rf"y_true {INTEGER_LABELS}\[9007199254740992\.0\]",
        ),
        bad(
            "confusion-lengths",
            lambda: confusion_matrix([0, 1], [0, 1, 1], 3),
            "y_true and y_pred must have the same number of examples, got 2 and 3",
        ),
        bad(
            "confusion-true-K",
            lambda: confusion_matrix([0, 3], [0, 1], 3),
            r"y_true must contain labels in \[0, 3\), got values from 0 to 3",
        ),
        bad(
            "confusion-pred-negative",
            lambda: confusion_matrix([0, 1], [0, -1], 3),
            r"y_pred must contain labels in \[0, 3\), got values from -1 to 0",
        ),
        bad(
            "confusion-fraction",
            lambda: confusion_matrix([0, 1], [0, 0.5], 3),
            rf"y_pred {INTEGER_LABELS}\[0\.5\]",
        ),
        *[
            bad(
                f"confusion-n_classes-{k!r}",
                lambda k=k: confusion_matrix([0, 1], [0, 1], k),
                f"n_classes must be a positive integer, got {re.escape(repr(k))}",
            )
            for k in (0, 2.5, True, None)
        ],
    ],
)
def test_metrics(call, match):
    _check(call, match)


# -- plots, diagrams and style -----------------------------------------------------------------


def _predict_zero(G):
    return np.zeros(len(G), dtype=int)


X2 = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])
NOT_AXES = "ax must be a matplotlib Axes or None, got str"


def _regions(**changes):
    args = {"predict": _predict_zero, "X": X2, "y": [0, 1, 0], "resolution": 5} | changes
    return lambda: plots.plot_decision_regions(**args)


@pytest.mark.parametrize(
    "call, match",
    [
        bad(
            "regions-3-features",
            _regions(X=np.ones((3, 3))),
            "X must have exactly 2 features to draw regions, got 3",
        ),
        bad(
            "regions-lengths",
            _regions(y=[0, 1]),
            "X and y must have the same number of examples, got 3 and 2",
        ),
        bad("regions-X-1d", _regions(X=X2[0], y=[0]), r"X must be 2-D, got shape \(2,\)"),
        bad("regions-X-nan", _regions(X=X2 * nan), "X must be finite, got NaN or inf"),
        bad(
            "regions-X-beyond-drawing",
            _regions(X=X2 * 1e305),
            r"X must lie within \[-1e\+300, 1e\+300\] to be drawn, got values from 0 to 2e\+305",
        ),
        bad("regions-y-strings", _regions(y=["a", "b", "a"]), "y must be numeric, got dtype <U1"),
        bad("regions-y-nan", _regions(y=[0, nan, 1]), "y must be finite, got NaN or inf"),
        bad("regions-y-fraction", _regions(y=[0, 0.5, 1]), rf"y {INTEGER_LABELS}\[0\.5\]"),
        bad(
            "regions-y-7-classes",
            _regions(X=np.c_[np.arange(7.0), np.arange(7.0) ** 2], y=np.arange(7)),
            r"y must contain labels in \[0, 6\), got values from 0 to 6",
        ),
        bad(
            "regions-predict-not-callable",
            _regions(predict=3),
            "predict must be a function of the examples, got int",
        ),
        bad(
            "regions-predict-probabilities",
            _regions(predict=lambda G: np.full(len(G), 0.5)),
            rf"predict\(X\) {INTEGER_LABELS}\[0\.5\]",
        ),
        bad(
            "regions-predict-too-few",
            _regions(predict=lambda G: np.zeros(len(G) - 1)),
            r"predict\(X\) must return one label per row of X: 25 rows, got 24 labels",
        ),
        bad(
            "regions-feature_names",
            _regions(feature_names=("x",)),
            "feature_names must be a sequence of 2 names, got 1",
        ),
        bad(
            "regions-feature_names-text",
            _regions(feature_names="xy"),
            "feature_names must be a sequence of 2 names, got str",
        ),
        bad(
            "regions-class_names",
            _regions(class_names=("a",)),
            "class_names must be a sequence of at least 2 names, got 1",
        ),
        *[
            bad(
                f"regions-padding-{p!r}",
                _regions(padding=p),
                f"padding must be a positive finite number, got {re.escape(repr(p))}",
            )
            for p in (0, -1.0, nan, "0.5")
        ],
        bad(
            "regions-padding-huge",
            _regions(padding=1e301),
            r"padding must be at most 1e\+300 to be drawn, got 1e\+301",
        ),
        bad(
            "regions-padding-vanishes",
            _regions(X=np.array([[1e20, 0.0], [1e20, 1.0]]), y=[0, 1], padding=0.5),
            "padding=0.5 vanishes next to X's values: give it a size that widens a constant feature",
        ),
        bad("regions-resolution", _regions(resolution=1), "resolution must be an integer >= 2, got 1"),
        bad("regions-ax", _regions(ax="axes"), NOT_AXES),
        bad(
            "loss-curves-empty",
            lambda: plots.plot_loss_curves({}),
            "histories must contain at least one curve",
        ),
        bad(
            "loss-curves-list",
            lambda: plots.plot_loss_curves([[1.0, 2.0]]),
            "histories must be a mapping from label to values, got list",
        ),
        bad(
            "loss-curves-nan",
            lambda: plots.plot_loss_curves({"a": [1.0, nan]}),
            r"histories\['a'\] must be finite, got NaN or inf",
        ),
        bad(
            "loss-curves-2d",
            lambda: plots.plot_loss_curves({"a": [[1.0]]}),
            r"histories\['a'\] must be 1-D, got shape \(1, 1\)",
        ),
        bad(
            "loss-curves-no-values",
            lambda: plots.plot_loss_curves({"a": []}),
            r"histories\['a'\] must be non-empty, got shape \(0,\)",
        ),
        bad(
            "loss-curves-log-of-0",
            lambda: plots.plot_loss_curves({"a": [1.0, 0.0]}, logy=True),
            r"histories\['a'\] must lie within \[1e-100, 1e\+100\] to be drawn on a log axis, got values "
            r"from 0 to 1",
        ),
        bad(
            "loss-curves-markevery",
            lambda: plots.plot_loss_curves({"a": [1.0, 2.0]}, markevery=0),
            "markevery must be None or a positive integer, got 0",
        ),
        bad("loss-curves-ax", lambda: plots.plot_loss_curves({"a": [1.0]}, ax="axes"), NOT_AXES),
        bad(
            "confusion-1d",
            lambda: plots.plot_confusion_matrix([1, 2]),
            r"cm must be a square matrix of non-negative counts, got shape \(2,\)",
        ),
        bad(
            "confusion-2x3",
            lambda: plots.plot_confusion_matrix(np.ones((2, 3))),
            r"cm must be a square matrix of non-negative counts, got shape \(2, 3\)",
        ),
        bad(
            "confusion-negative",
            lambda: plots.plot_confusion_matrix([[1, -1], [0, 1]]),
            r"cm must be a square matrix of non-negative counts, got shape \(2, 2\)",
        ),
        bad(
            "confusion-empty",
            lambda: plots.plot_confusion_matrix(np.zeros((0, 0))),
            r"cm must be non-empty, got shape \(0, 0\)",
        ),
        bad(
            "confusion-nan",
            lambda: plots.plot_confusion_matrix([[nan, 1.0], [1.0, 1.0]]),
            "cm must be finite, got NaN or inf",
        ),
        bad(
            "confusion-strings",
            lambda: plots.plot_confusion_matrix([["a", "b"], ["c", "d"]]),
            "cm must be numeric, got dtype <U1",
        ),
        bad(
            "confusion-class_names",
            lambda: plots.plot_confusion_matrix(np.eye(2), class_names=["a"]),
            "class_names must be a sequence of 2 names, got 1",
        ),
        bad("confusion-ax", lambda: plots.plot_confusion_matrix(np.eye(2), ax="axes"), NOT_AXES),
        bad(
            "images-2d",
            lambda: plots.show_images(np.zeros((3, 3))),
            r"images must have shape \(n, height, width\), got \(3, 3\)",
        ),
        bad(
            "images-none",
            lambda: plots.show_images(np.zeros((0, 3, 3))),
            r"images must be non-empty, got shape \(0, 3, 3\)",
        ),
        bad(
            "images-titles",
            lambda: plots.show_images(np.zeros((2, 3, 3)), titles=["one"]),
            r"titles must have one entry per image \(2\), got 1",
        ),
        bad(
            "images-titles-text",
            lambda: plots.show_images(np.zeros((2, 3, 3)), titles="ab"),
            r"titles must have one entry per image \(2\), got str",
        ),
        bad(
            "images-ncols-0",
            lambda: plots.show_images(np.zeros((2, 3, 3)), ncols=0),
            "ncols must be a positive integer, got 0",
        ),
        bad(
            "images-size-0",
            lambda: plots.show_images(np.zeros((2, 3, 3)), size=0),
            "size must be a positive finite number, got 0",
        ),
        bad(
            "images-strings",
            lambda: plots.show_images(np.full((2, 3, 3), "a")),
            "images must be numeric, got dtype <U1",
        ),
        bad(
            "legend_outside-None",
            lambda: plots.legend_outside(None),
            "ax must be a matplotlib Axes, got NoneType",
        ),
    ],
)
def test_plots(call, match):
    _check(call, match)


@pytest.mark.parametrize(
    "call, match",
    [
        *[
            bad(
                f"neuron-n_inputs-{n!r}",
                lambda n=n: diagrams.neuron_diagram(n_inputs=n),
                f"n_inputs must be an integer in \\[1, 4\\], got {re.escape(repr(n))}",
            )
            for n in (0, 5, 2.0, "3")
        ],
        bad(
            "neuron-activation",
            lambda: diagrams.neuron_diagram(activation=None),
            r"activation must be a string \(its formula\), got NoneType",
        ),
        bad(
            "neuron-threshold",
            lambda: diagrams.neuron_diagram(threshold=0.5),
            r"threshold must be None or a string \(its formula\), got float",
        ),
        bad("neuron-ax", lambda: diagrams.neuron_diagram(ax="axes"), NOT_AXES),
        *[
            bad(
                f"softmax-layer-n_classes-{k!r}",
                lambda k=k: diagrams.softmax_layer_diagram(n_classes=k),
                f"n_classes must be an integer in \\[2, 5\\], got {re.escape(repr(k))}",
            )
            for k in (1, 6, None)
        ],
        bad(
            "softmax-layer-n_inputs",
            lambda: diagrams.softmax_layer_diagram(n_inputs=6),
            r"n_inputs must be an integer in \[1, 5\], got 6",
        ),
        bad(
            "softmax-layer-ax",
            lambda: diagrams.softmax_layer_diagram(ax=1),
            "ax must be a matplotlib Axes or None, got int",
        ),
        bad(
            "legibility-not-a-figure",
            lambda: style.legibility("figure"),
            "fig must be a matplotlib Figure, got str",
        ),
        bad(
            "show-not-a-figure",
            lambda: style.show(None, "The loss falls with every epoch."),
            "fig must be a matplotlib Figure, got NoneType",
        ),
        bad(
            "show-short-caption",
            lambda: style.show(plt.figure(), "a figure"),
            "caption must say in words what the figure shows, got 'a figure'",
        ),
    ],
)
def test_diagrams_and_style(call, match):
    _check(call, match)
