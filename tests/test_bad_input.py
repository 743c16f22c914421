"""Bad input at every public boundary raises ValueError with a message that names the
argument (GUIDE section 4, lib/ conventions). Cases marked xfail(strict) are known lib
bugs: each reason says what happens today."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # also set in conftest.py; here so the module runs on its own

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from logreg import activations as A  # noqa: E402
from logreg import data, plots  # noqa: E402
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


def bad(id, call, match, bug=None):
    """One case: ``call()`` must raise ValueError matching ``match``; ``bug`` marks a known
    lib bug (strict xfail, so a fix shows up as XPASS)."""
    marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
    return pytest.param(call, match, id=id, marks=marks)


def _check(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# Values that no numeric argument may take, whatever its shape.
NOT_NUMBERS = {
    "strings": ["a", "b"],
    "nan": [0.5, nan],
    "inf": [0.5, inf],
    "-inf": [-inf, 0.5],
    "empty": [],
    "complex": [0.5 + 1j, 0.5],
    "objects": [None, 0.5],
}


def _for_every_bad_value(functions, build):
    """Cases for each (function, argument name) and each value in NOT_NUMBERS;
    ``build(fn, value)`` makes the call."""
    return [
        bad(f"{fn.__name__}-{arg}-{kind}", lambda fn=fn, v=v: build(fn, v), rf"\b{arg} must be")
        for fn, arg in functions
        for kind, v in NOT_NUMBERS.items()
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


@pytest.mark.parametrize(
    "call, match",
    [
        *_for_every_bad_value(ONE_ARRAY, lambda fn, v: fn(v)),
        bad(
            "logit-above-1",
            lambda: A.logit([0.5, 1.5]),
            r"^p must contain probabilities in \[0, 1\]",
        ),
        bad("logit-below-0", lambda: A.logit([-0.1, 0.5]), r"^p must contain probabilities"),
        bad("softmax-axis", lambda: A.softmax(np.ones((2, 3)), axis=2), r"axis 2 is out of bounds"),
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
                rf"^{arg} and y must have the same shape, got \(2,\) and \(3,\)",
            )
            for fn, arg in BINARY
        ],
        *[
            bad(
                f"{fn.__name__}-column-vs-row",
                lambda fn=fn: fn(np.c_[GOOD_FIRST], GOOD_Y),
                rf"^{arg} and y must have the same shape",
            )
            for fn, arg in BINARY
        ],
        *[
            bad(
                f"{fn.__name__}-label-{v}",
                lambda fn=fn, v=v: fn(GOOD_FIRST, [0, v, 1]),
                r"^y must contain only 0 and 1",
            )
            for fn, _ in LABELS_01
            for v in (2, -1, 0.5)
        ],
        *[
            bad(
                f"{fn.__name__}-probas-{v}",
                lambda fn=fn, v=v: fn([0.2, v, 0.4], GOOD_Y),
                r"^probas must contain probabilities in \[0, 1\]",
            )
            for fn, _ in PROBAS
            for v in (1.5, -0.1)
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
CE_CASES = [
    ("logits-1d", lambda fn: fn(Z[0], [0, 1, 2]), r"^logits must be 2-D"),
    ("logits-3d", lambda fn: fn(Z[None], [0, 1, 2]), r"^logits must be 2-D"),
    ("logits-empty", lambda fn: fn(np.zeros((0, 3)), []), r"^logits must be non-empty"),
    ("logits-nan", lambda fn: fn(Z * [1, nan, 1], [0, 1, 2]), r"^logits must be finite"),
    ("logits-strings", lambda fn: fn(Z.astype(str), [0, 1, 2]), r"^logits must be numeric"),
    ("label-K", lambda fn: fn(Z, [0, 1, 3]), r"^y must contain labels in \[0, 3\)"),
    ("label-negative", lambda fn: fn(Z, [0, -1, 2]), r"^y must contain labels in \[0, 3\)"),
    ("label-fraction", lambda fn: fn(Z, [0, 1.5, 2]), r"^y must contain integer class labels"),
    ("labels-short", lambda fn: fn(Z, [0, 1]), r"^y must be integer labels of shape \(3,\)"),
    ("labels-scalar", lambda fn: fn(Z, 1), r"^y must be integer labels of shape \(3,\)"),
    ("labels-3d", lambda fn: fn(Z, np.zeros((3, 3, 1))), r"^y must be integer labels"),
    ("labels-strings", lambda fn: fn(Z, ["a", "b", "c"]), r"^y must be numeric"),
    ("labels-nan", lambda fn: fn(Z, [0, nan, 1]), r"^y must be finite"),
    (
        "one-hot-wrong-K",
        lambda fn: fn(Z, np.eye(3)[:, :2]),
        r"^logits and y must have the same shape",
    ),
    ("one-hot-nan", lambda fn: fn(Z, np.eye(3) * [1, nan, 1]), r"^y must be finite"),
    *[
        (f"one-hot-{k}", lambda fn, v=v: fn(Z, v), r"^y given as a 2-D array must be one-hot")
        for k, v in ONE_HOT_BAD.items()
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
                r"^n_classes must be a positive integer",
            )
            for k in (0, -1, 2.5, "3", None)
        ],
        bad("label-K", lambda: L.one_hot([0, 3], 3), r"^y must contain labels in \[0, 3\)"),
        bad(
            "label-fraction",
            lambda: L.one_hot([0, 0.5], 3),
            r"^y must contain integer class labels",
        ),
        bad("labels-2d", lambda: L.one_hot([[0, 1]], 3), r"^y must be 1-D"),
        bad("labels-strings", lambda: L.one_hot(["a"], 3), r"^y must be numeric"),
        bad("labels-empty", lambda: L.one_hot([], 3), r"^y must be non-empty"),
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
                f"eps-{e}",
                lambda e=e: G.numerical_gradient(_square, [1.0], eps=e),
                r"^eps must be (a )?positive",
            )
            for e in (0.0, -1e-6, nan)
        ],
        bad(
            "eps-inf",
            lambda: G.numerical_gradient(_square, [1.0], eps=inf),
            r"^eps must be",
        ),
        bad(
            "relative-error-shapes",
            lambda: G.relative_error(np.ones(3), np.ones((3, 1))),
            r"^a and b must have the same shape",
        ),
        bad(
            "relative-error-nan",
            lambda: G.relative_error([nan, 1.0], [1.0, 1.0]),
            r"\ba must be",
        ),
        bad(
            "relative-error-empty",
            lambda: G.relative_error([], []),
            r"\ba must be",
        ),
        bad(
            "relative-error-strings",
            lambda: G.relative_error(["x"], [1.0]),
            r"\ba must be",
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
                f"test_size-{t}",
                lambda t=t: data.train_test_split(X10, Y10, test_size=t),
                r"^test_size must be a fraction in \(0, 1\)",
            )
            for t in (0, 1, -0.5, 1.5, nan)
        ],
        *[
            bad(
                f"test_size-{t}-empty-split",
                lambda t=t: data.train_test_split(X10, Y10, test_size=t),
                rf"^test_size={t} leaves an empty train or test set",
            )
            for t in (0.01, 0.99)
        ],
        bad(
            "lengths",
            lambda: data.train_test_split(X10, Y10[:9]),
            r"^X and y must have the same number of examples, got 10 and 9",
        ),
        bad(
            "X-empty",
            lambda: data.train_test_split(np.zeros((0, 2)), []),
            r"^X must be (a )?non-empty",
        ),
        bad("X-scalar", lambda: data.train_test_split(3.0, [1]), r"^X must be a non-empty"),
        bad(
            "test_size-string",
            lambda: data.train_test_split(X10, Y10, test_size="0.25"),
            r"test_size",
        ),
        bad(
            "y-scalar",
            lambda: data.train_test_split(X10, 1),
            r"\by\b",
        ),
        bad(
            "X-nan",
            lambda: data.train_test_split(X10 * nan, Y10),
            r"^X must be finite",
        ),
        bad(
            "X-strings",
            lambda: data.train_test_split(X10.astype(str), Y10),
            r"^X must be numeric",
        ),
    ],
)
def test_train_test_split(call, match):
    _check(call, match)


TRAIN = np.array([[1.0, 2.0], [2.0, 0.0], [4.0, 1.0]])


@pytest.mark.parametrize(
    "call, match",
    [
        *_for_every_bad_value([(data.standardize, "X_train")], lambda fn, v: fn(np.reshape(v, (-1, 1)))),
        bad("X_train-1d", lambda: data.standardize(TRAIN[0]), r"^X_train must be 2-D"),
        bad(
            "constant-feature",
            lambda: data.standardize(TRAIN * [1, 0]),
            r"^X_train has a constant feature",
        ),
        bad(
            "others-features",
            lambda: data.standardize(TRAIN, TRAIN[:, :1]),
            r"^others\[0\] must have 2 features, got 1",
        ),
        bad("others-1d", lambda: data.standardize(TRAIN, TRAIN[0]), r"^others\[0\] must be 2-D"),
        bad(
            "second-other-nan",
            lambda: data.standardize(TRAIN, TRAIN, TRAIN * nan),
            r"^others\[1\] must be finite",
        ),
        bad(
            "ddof-too-large",
            lambda: data.standardize(TRAIN[:1], ddof=1),
            r"ddof|X_train",
        ),
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
                r"^seed must be a non-negative integer",
            )
            for s in (-1, 1.5, "1", None)
        ],
        *[
            bad(
                f"threads-{t!r}",
                lambda t=t: seed_everything(0, threads=t),
                r"^threads must be a positive integer",
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
    "env",
    [
        "0",
        "two",
    ],
)
def test_seed_everything_rejects_a_bad_logreg_threads(monkeypatch, env):
    monkeypatch.setenv("LOGREG_THREADS", env)
    with pytest.raises(ValueError, match=r"threads|LOGREG_THREADS"):
        seed_everything(0)


# -- models ------------------------------------------------------------------------------------

MODELS = [HW2Neuron, LogisticRegression, SoftmaxRegression]
XY = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]), np.array([0, 1, 1, 0])


def _per_model(cases):
    return [
        bad(f"{cls.__name__}-{id}", lambda cls=cls, c=c: c(cls), m) for cls in MODELS for id, c, m in cases
    ]


CONSTRUCTOR = [
    *[
        (f"lr-{v!r}", lambda cls, v=v: cls(lr=v), r"^lr must be a positive finite number")
        for v in (0, -0.1, nan, inf, "0.1", None)
    ],
    *[
        (f"epochs-{v!r}", lambda cls, v=v: cls(epochs=v), r"^epochs must be a non-negative integer")
        for v in (-1, 1.5, "10")
    ],
    *[
        (
            f"batch_size-{v!r}",
            lambda cls, v=v: cls(batch_size=v),
            r"^batch_size must be None or a positive",
        )
        for v in (0, -1, 2.5)
    ],
]
FIT = [
    ("X-1d", lambda cls: cls().fit(XY[0][:, 0], XY[1]), r"^X must be 2-D"),
    ("X-empty", lambda cls: cls().fit(np.zeros((0, 2)), []), r"^X must be non-empty"),
    ("X-nan", lambda cls: cls().fit(XY[0] * nan, XY[1]), r"^X must be finite"),
    ("X-strings", lambda cls: cls().fit(XY[0].astype(str), XY[1]), r"^X must be numeric"),
    ("y-2d", lambda cls: cls().fit(XY[0], XY[1][:, None]), r"^y must be 1-D"),
    ("y-nan", lambda cls: cls().fit(XY[0], [0, nan, 1, 0]), r"^y must be finite"),
    ("y-strings", lambda cls: cls().fit(XY[0], ["0", "1", "1", "0"]), r"^y must be numeric"),
    (
        "lengths",
        lambda cls: cls().fit(XY[0], XY[1][:3]),
        r"^X and y must have the same number of examples",
    ),
    ("y-negative", lambda cls: cls().fit(XY[0], [0, -1, 1, 0]), r"^y must contain"),
    ("y-fraction", lambda cls: cls().fit(XY[0], [0, 0.5, 1, 0]), r"^y must contain"),
]
PREDICT = [
    (
        f"{method}-{id}",
        lambda cls, method=method, X=X: getattr(cls(epochs=1).fit(*XY), method)(X),
        m,
    )
    for method in ("predict", "predict_proba", "decision_function")
    for id, X, m in [
        ("3-features", np.ones((2, 3)), r"^X must have 2 features, got 3"),
        ("1d", np.ones(2), r"^X must be 2-D"),
        ("nan", np.full((2, 2), nan), r"^X must be finite"),
    ]
]


@pytest.mark.parametrize(
    "call, match",
    [
        *_per_model(CONSTRUCTOR + FIT + PREDICT),
        *[
            bad(
                f"binary-label-2-{cls.__name__}",
                lambda cls=cls: cls().fit(XY[0], [0, 2, 1, 0]),
                r"^y must contain only 0 and 1",
            )
            for cls in (HW2Neuron, LogisticRegression)
        ],
        *[
            bad(
                f"n_classes-{k!r}",
                lambda k=k: SoftmaxRegression(n_classes=k),
                r"^n_classes must be None or",
            )
            for k in (1, 0, 2.5)
        ],
        bad(
            "labels-beyond-n_classes",
            lambda: SoftmaxRegression(n_classes=2).fit(XY[0], [0, 1, 2, 0]),
            r"^y must contain labels in \[0, 2\)",
        ),
        bad(
            "negative-seed",
            lambda: SoftmaxRegression(seed=-1),
            r"^seed must",
        ),
    ],
)
def test_models(call, match):
    _check(call, match)


def test_models_accept_a_numpy_float32_learning_rate():
    assert LogisticRegression(lr=np.float32(0.1)).lr == pytest.approx(0.1)


# -- metrics and plots -------------------------------------------------------------------------

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
            r"^y_true and y_pred must have the same number of examples",
        ),
        bad("accuracy-2d", lambda: accuracy([[0, 1]], [[0, 1]]), r"^y_true must be 1-D"),
        bad(
            "confusion-lengths",
            lambda: confusion_matrix([0, 1], [0, 1, 1], 3),
            r"^y_true and y_pred must have the same number of examples",
        ),
        bad(
            "confusion-true-K",
            lambda: confusion_matrix([0, 3], [0, 1], 3),
            r"^y_true must contain labels in \[0, 3\)",
        ),
        bad(
            "confusion-pred-negative",
            lambda: confusion_matrix([0, 1], [0, -1], 3),
            r"^y_pred must contain labels in \[0, 3\)",
        ),
        bad(
            "confusion-fraction",
            lambda: confusion_matrix([0, 1], [0, 0.5], 3),
            r"^y_pred must contain integer class labels",
        ),
        *[
            bad(
                f"confusion-n_classes-{k!r}",
                lambda k=k: confusion_matrix([0, 1], [0, 1], k),
                r"n_classes",
            )
            for k, why in [(0, "the error blames y_true"), (2.5, "TypeError from np.bincount")]
        ],
    ],
)
def test_metrics(call, match):
    _check(call, match)


def _predict_zero(G):
    return np.zeros(len(G), dtype=int)


X2 = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])


@pytest.mark.parametrize(
    "call, match",
    [
        bad(
            "regions-3-features",
            lambda: plots.plot_decision_regions(_predict_zero, np.ones((3, 3)), [0, 1, 0]),
            r"^X must have exactly 2 features",
        ),
        bad(
            "regions-lengths",
            lambda: plots.plot_decision_regions(_predict_zero, X2, [0, 1]),
            r"^X and y must have the same number of examples",
        ),
        bad(
            "regions-X-1d",
            lambda: plots.plot_decision_regions(_predict_zero, X2[0], [0]),
            r"^X must be 2-D",
        ),
        bad(
            "regions-X-nan",
            lambda: plots.plot_decision_regions(_predict_zero, X2 * nan, [0, 1, 0]),
            r"^X must be finite",
        ),
        *[
            bad(
                f"regions-y-{id}",
                lambda y=y: plots.plot_decision_regions(_predict_zero, X2, y, resolution=5),
                r"^y must",
            )
            for id, y, why in [
                ("strings", ["a", "b", "a"], "numpy's 'invalid literal for int()' escapes"),
                ("nan", [0, nan, 1], "a RuntimeWarning from the int cast, then garbage labels"),
                ("fraction", [0, 0.5, 1], "0.5 is silently truncated to class 0"),
            ]
        ],
        bad(
            "regions-y-7-classes",
            lambda: plots.plot_decision_regions(
                _predict_zero,
                np.c_[np.arange(7.0), np.arange(7.0) ** 2],
                np.arange(7),
                resolution=5,
            ),
            r"^y must|classes",
        ),
        bad(
            "loss-curves-empty",
            lambda: plots.plot_loss_curves({}),
            r"^histories must contain at least one",
        ),
        bad(
            "loss-curves-nan",
            lambda: plots.plot_loss_curves({"a": [1.0, nan]}),
            r"^histories\['a'\] must be finite",
        ),
        bad(
            "loss-curves-2d",
            lambda: plots.plot_loss_curves({"a": [[1.0]]}),
            r"^histories\['a'\] must be 1-D",
        ),
        bad(
            "loss-curves-no-values",
            lambda: plots.plot_loss_curves({"a": []}),
            r"^histories\['a'\] must be non-empty",
        ),
        bad(
            "confusion-1d",
            lambda: plots.plot_confusion_matrix([1, 2]),
            r"^cm must be a square matrix",
        ),
        bad(
            "confusion-2x3",
            lambda: plots.plot_confusion_matrix(np.ones((2, 3))),
            r"^cm must be a square matrix",
        ),
        *[
            bad(
                f"confusion-{id}",
                lambda cm=cm: plots.plot_confusion_matrix(cm),
                r"^cm must",
            )
            for id, cm, why in [
                ("empty", np.zeros((0, 0)), "a matplotlib UserWarning, no ValueError"),
                ("nan", [[nan, 1.0], [1.0, 1.0]], "NaN counts are drawn"),
                ("strings", [["a", "b"], ["c", "d"]], "TypeError from imshow"),
            ]
        ],
        bad(
            "images-2d",
            lambda: plots.show_images(np.zeros((3, 3))),
            r"^images must have shape \(n, height, width\)",
        ),
        bad(
            "images-none",
            lambda: plots.show_images(np.zeros((0, 3, 3))),
            r"^images must be non-empty",
        ),
        bad(
            "images-titles",
            lambda: plots.show_images(np.zeros((2, 3, 3)), titles=["one"]),
            r"^titles must have one entry per image \(2\), got 1",
        ),
        bad(
            "images-ncols-0",
            lambda: plots.show_images(np.zeros((2, 3, 3)), ncols=0),
            r"^ncols must",
        ),
        bad(
            "images-strings",
            lambda: plots.show_images(np.full((2, 3, 3), "a")),
            r"^images must",
        ),
    ],
)
def test_plots(call, match):
    _check(call, match)
