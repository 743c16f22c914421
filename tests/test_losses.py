"""logreg.losses against torch.nn.functional (float64, 1e-12), every ``_grad`` against
autograd and central differences, the lecture's identities and reference numbers, and
extreme logits (finite, exact, no warnings, dtype kept)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from _helpers import (
    assert_close,
    binary_labels,
    class_labels,
    logits,
    probabilities,
    tensor,
    torch_value_and_grad,
)

from logreg import losses as L
from logreg.activations import sigmoid, softmax
from logreg.gradcheck import check_gradient, numerical_gradient

pytestmark = pytest.mark.filterwarnings("error")


@dataclass(frozen=True)
class Case:
    """A loss, its gradient, torch's version, and how to draw an input and its target."""

    loss: Callable
    grad: Callable
    reference: Callable  # torch (input tensor, target tensor) -> scalar tensor
    draw: Callable  # shape -> (input, target) as numpy arrays
    shapes: tuple
    target_dtype: torch.dtype = torch.float64


BINARY_SHAPES = ((1,), (9,), (4, 3))
CLASS_SHAPES = ((1, 2), (6, 3), (20, 10))
CASES = {
    "mse": Case(L.mse, L.mse_grad, F.mse_loss, lambda s: (logits(s), logits(s, offset=1)), BINARY_SHAPES),
    "bce": Case(
        L.binary_cross_entropy,
        L.binary_cross_entropy_grad,
        F.binary_cross_entropy,
        lambda s: (probabilities(s), binary_labels(s)),
        BINARY_SHAPES,
    ),
    "bce_with_logits": Case(
        L.binary_cross_entropy_with_logits,
        L.binary_cross_entropy_with_logits_grad,
        F.binary_cross_entropy_with_logits,
        lambda s: (logits(s), binary_labels(s)),
        BINARY_SHAPES,
    ),
    "cross_entropy_labels": Case(
        L.cross_entropy,
        L.cross_entropy_grad,
        F.cross_entropy,
        lambda s: (logits(s), class_labels(*s)),
        CLASS_SHAPES,
        target_dtype=torch.int64,
    ),
    "cross_entropy_one_hot": Case(
        L.cross_entropy,
        L.cross_entropy_grad,
        F.cross_entropy,
        lambda s: (logits(s), L.one_hot(class_labels(*s), s[1])),
        CLASS_SHAPES,
    ),
}
PARAMS = [
    pytest.param(name, shape, id=f"{name}-{shape}") for name, case in CASES.items() for shape in case.shapes
]


def _draw(name, shape):
    case = CASES[name]
    x, target = case.draw(shape)
    return case, x, target


# -- against torch, autograd and finite differences --------------------------------------------


@pytest.mark.parametrize("name, shape", PARAMS)
def test_loss_matches_torch(name, shape):
    case, x, target = _draw(name, shape)
    assert_close(case.loss(x, target), case.reference(tensor(x), tensor(target, case.target_dtype)))


@pytest.mark.parametrize("name, shape", PARAMS)
def test_grad_matches_autograd(name, shape):
    case, x, target = _draw(name, shape)
    _, grad = torch_value_and_grad(case.reference, x, tensor(target, case.target_dtype))
    assert_close(case.grad(x, target), grad)


@pytest.mark.parametrize("name, shape", PARAMS)
def test_grad_matches_finite_differences(name, shape):
    case, x, target = _draw(name, shape)
    assert_close(case.grad(x, target), numerical_gradient(lambda v: case.loss(v, target), x), tol=1e-7)
    assert check_gradient(lambda v: case.loss(v, target), lambda v: case.grad(v, target), x) < 1e-7


def test_softplus_matches_torch_and_logaddexp():
    z = logits((30,))
    assert_close(L.softplus(z), F.softplus(tensor(z)))
    wide = np.array([-1e4, -800.0, -1.0, 0.0, 1.0, 800.0, 1e4])
    assert_close(L.softplus(wide), np.logaddexp(0.0, wide))


def test_one_hot_matches_torch():
    y = class_labels(12, 4)
    assert_close(L.one_hot(y, 4), F.one_hot(torch.tensor(y), 4).double())


# -- identities and the lecture's numbers ------------------------------------------------------


def test_bce_from_probabilities_equals_bce_from_logits():
    z, y = logits((25,)), binary_labels((25,))
    assert_close(L.binary_cross_entropy(sigmoid(z), y), L.binary_cross_entropy_with_logits(z, y))


def test_plus_minus_one_label_form_equals_bce():
    """E(w) = (1/n) sum log(1 + exp(-t z)) with t in {-1, +1} is BCE with y = (t + 1) / 2."""
    z, y = logits((25,)), binary_labels((25,))
    t = 2 * y - 1
    assert_close(np.mean(np.logaddexp(0.0, -t * z)), L.binary_cross_entropy_with_logits(z, y))


def test_cross_entropy_is_mean_of_minus_one_hot_times_log_softmax():
    z, y = logits((8, 3)), class_labels(8, 3)
    expected = F.nll_loss(torch.log_softmax(tensor(z), dim=1), torch.tensor(y))
    assert_close(L.cross_entropy(z, y), expected)
    assert_close(L.cross_entropy(z, y), -np.mean(np.log(softmax(z))[np.arange(8), y]))


def test_cross_entropy_example_from_the_lecture_notebook():
    """The original cross-entropy notebook's printed numbers (4 decimals)."""
    Z = np.array([[-0.3, -0.5, -0.5], [-0.4, -0.1, -0.5], [-0.3, -0.94, -0.5], [-0.99, -0.88, -0.5]])
    y = np.array([0, 1, 2, 2])
    per_example = [L.cross_entropy(Z[i : i + 1], y[i : i + 1]) for i in range(4)]
    np.testing.assert_allclose(per_example, [0.9698, 0.8801, 1.0527, 0.8314], atol=5e-5)
    np.testing.assert_allclose(L.cross_entropy(Z, y), 0.9335, atol=5e-5)


def test_bce_clamps_each_log_at_minus_100_like_torch():
    """Probabilities exactly 0 or 1 on the wrong side: torch's convention, loss and gradient."""
    p, y = np.array([0.0, 1.0, 0.5]), np.array([1.0, 0.0, 1.0])
    assert_close(L.binary_cross_entropy(p, y), F.binary_cross_entropy(tensor(p), tensor(y)))
    _, grad = torch_value_and_grad(F.binary_cross_entropy, p, tensor(y))
    # torch's denominator floor is the float32 constant 1e-12 (= 9.99999996e-13): 4e-9 apart
    assert_close(L.binary_cross_entropy_grad(p, y), grad, tol=1e-8)


def test_mse_targets_need_not_be_binary():
    assert L.mse([0.0, 0.0], [3.0, -1.0]) == 5.0


# -- extreme logits ----------------------------------------------------------------------------

DTYPES = [np.float32, np.float64]
BIG = 1e4


@pytest.mark.parametrize("dtype", DTYPES)
def test_bce_with_logits_is_exact_at_1e4(dtype):
    z = np.array([BIG, -BIG, BIG, -BIG], dtype=dtype)
    y = np.array([0, 1, 1, 0])
    assert L.binary_cross_entropy_with_logits(z, y) == BIG / 2  # two wrong by 1e4, two right
    grad = L.binary_cross_entropy_with_logits_grad(z, y)
    assert grad.tolist() == [0.25, -0.25, 0.0, 0.0]
    assert grad.dtype == dtype and L.binary_cross_entropy_with_logits(z, y).dtype == dtype


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("label, loss", [(1, BIG), (0, 0.0)])
def test_cross_entropy_is_exact_at_1e4(dtype, label, loss):
    z = np.array([[BIG, 0.0]], dtype=dtype)
    assert L.cross_entropy(z, [label]) == loss
    expected_grad = [[0.0, 0.0]] if label == 0 else [[1.0, -1.0]]
    assert L.cross_entropy_grad(z, [label]).tolist() == expected_grad
    assert L.cross_entropy(z, [label]).dtype == dtype and L.cross_entropy_grad(z, [label]).dtype == dtype


@pytest.mark.parametrize("dtype", DTYPES)
def test_cross_entropy_with_1e4_spread_matches_torch(dtype):
    z = (logits((5, 4)) * 3e3).astype(dtype)  # entries of order 1e4
    y = class_labels(5, 4)
    ours, grad = L.cross_entropy(z, y), L.cross_entropy_grad(z, y)
    torch_dtype = torch.float32 if dtype == np.float32 else torch.float64
    zt = torch.tensor(z, dtype=torch_dtype, requires_grad=True)
    expected = F.cross_entropy(zt, torch.tensor(y))
    expected.backward()
    assert np.isfinite(ours) and np.all(np.isfinite(grad))
    assert_close(ours, expected.detach().numpy(), tol=1e-6)
    assert_close(grad, zt.grad.numpy(), tol=1e-6)


@pytest.mark.parametrize("dtype", DTYPES)
def test_bce_from_probabilities_stays_finite_at_the_endpoints(dtype):
    p = np.array([0.0, 1.0, 0.0, 1.0], dtype=dtype)
    y = np.array([1, 0, 0, 1])
    assert L.binary_cross_entropy(p, y) == 50.0  # two logs clamped at -100, two exact zeros
    grad = L.binary_cross_entropy_grad(p, y)
    assert np.all(np.isfinite(grad)) and grad.dtype == dtype


@pytest.mark.parametrize(
    "fn",
    [
        L.mse,
        L.mse_grad,
        L.binary_cross_entropy_with_logits,
        L.binary_cross_entropy_with_logits_grad,
        L.softplus,
    ],
    ids=lambda f: f.__name__,
)
def test_integer_input_becomes_float64(fn):
    args = ([0, 1, 1],) if fn is L.softplus else ([0, 1, 1], [1, 0, 1])
    assert np.asarray(fn(*args)).dtype == np.float64


def test_float32_input_stays_float32():
    z32, y = np.float32([0.5, -2.0]), np.float32([1.0, 0.0])
    for fn in (L.mse, L.mse_grad, L.binary_cross_entropy, L.binary_cross_entropy_grad):
        assert np.asarray(fn(sigmoid(z32), y)).dtype == np.float32, fn.__name__
    assert L.cross_entropy(z32[None, :], [0]).dtype == np.float32


def test_float16_endpoints_give_the_float64_bce_and_gradient():
    p, y = np.array([0.0, 1.0, 0.0, 1.0, 0.5], dtype=np.float16), np.array([1, 0, 0, 1, 1])
    for fn in (L.binary_cross_entropy, L.binary_cross_entropy_grad):
        got = fn(p, y)
        assert got.dtype == np.float64, fn.__name__
        np.testing.assert_array_equal(got, fn(p.astype(np.float64), y))
