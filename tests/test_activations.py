"""logreg.activations against torch's own functions (float64, 1e-12), autograd and finite
differences; the lecture's identities; saturation at extreme inputs without warnings."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from _helpers import assert_close, logits, probabilities, tensor, torch_value_and_grad

from logreg import activations as A
from logreg.gradcheck import numerical_gradient

pytestmark = pytest.mark.filterwarnings("error")  # "no warnings" is part of every claim here

SHAPES = [(), (7,), (4, 5), (2, 3, 4)]
MULTI_D = [((7,), -1), ((4, 5), -1), ((4, 5), 0), ((2, 3, 4), 1)]  # (shape, axis)
SOFTMAXES = [(A.softmax, torch.softmax), (A.log_softmax, torch.log_softmax)]
ALL = [A.sigmoid, A.sigmoid_derivative, A.logit, A.softmax, A.log_softmax]


# -- against torch -----------------------------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES)
def test_sigmoid_matches_torch(shape):
    z = logits(shape)
    assert_close(A.sigmoid(z), torch.sigmoid(tensor(z)))


@pytest.mark.parametrize("shape", SHAPES)
def test_logit_matches_torch(shape):
    p = probabilities(shape)
    assert_close(A.logit(p), torch.logit(tensor(p)))


@pytest.mark.parametrize("ours, theirs", SOFTMAXES, ids=["softmax", "log_softmax"])
@pytest.mark.parametrize("shape, axis", MULTI_D)
def test_softmax_family_matches_torch(ours, theirs, shape, axis):
    z = logits(shape)
    assert_close(ours(z, axis=axis), theirs(tensor(z), dim=axis))


@pytest.mark.parametrize("shape", SHAPES)
def test_sigmoid_derivative_matches_autograd(shape):
    z = logits(shape)
    _, grad = torch_value_and_grad(torch.sigmoid, z)
    assert_close(A.sigmoid_derivative(z), grad)


def test_sigmoid_derivative_matches_finite_differences():
    z = logits((3, 4))
    numeric = numerical_gradient(lambda v: A.sigmoid(v).sum(), z)
    assert_close(A.sigmoid_derivative(z), numeric, tol=1e-9)


# -- identities --------------------------------------------------------------------------------


def test_sigmoid_is_point_symmetric():
    z = logits((50,))
    assert_close(A.sigmoid(-z), 1.0 - A.sigmoid(z), tol=1e-15)


def test_logit_inverts_sigmoid():
    z = np.linspace(-10, 10, 41)
    assert_close(A.logit(A.sigmoid(z)), z, tol=1e-10)


def test_logit_is_the_log_odds():
    p = probabilities((20,))
    assert_close(A.logit(p), np.log(p / (1 - p)), tol=1e-12)


def test_logit_endpoints_are_infinite():
    assert A.logit([0.0, 1.0]).tolist() == [-np.inf, np.inf]


def test_sigmoid_derivative_equals_sigma_one_minus_sigma():
    z = logits((50,))
    s = A.sigmoid(z)
    assert_close(A.sigmoid_derivative(z), s * (1 - s), tol=1e-15)


def test_sigmoid_derivative_peaks_at_a_quarter_at_zero():
    z = np.linspace(-8, 8, 1601)  # contains 0
    d = A.sigmoid_derivative(z)
    assert d.max() == 0.25 and z[np.argmax(d)] == 0.0
    assert A.sigmoid_derivative([-50.0, 50.0]).max() < 1e-20, "sigma' must vanish for large |z|"


def test_sigmoid_decision_threshold_is_zero_logit():
    z = logits((200,))
    assert np.array_equal(A.sigmoid(z) > 0.5, z > 0)


def test_softmax_rows_are_distributions():
    p = A.softmax(logits((6, 5)))
    assert np.all(p > 0)
    assert_close(p.sum(axis=1), np.ones(6), tol=1e-15)


@pytest.mark.parametrize("fn", [A.softmax, A.log_softmax])
def test_softmax_family_is_invariant_to_a_constant_per_row(fn):
    z = logits((6, 5))
    shift = logits((6, 1), scale=20, offset=7)
    assert_close(fn(z + shift), fn(z), tol=1e-12)


def test_softmax_axis_0_normalizes_columns():
    z = logits((4, 5))
    assert_close(A.softmax(z, axis=0), A.softmax(z.T).T, tol=1e-15)
    assert_close(A.softmax(z, axis=0).sum(axis=0), np.ones(5), tol=1e-15)


def test_log_softmax_is_log_of_softmax():
    z = logits((6, 5))
    assert_close(A.log_softmax(z), np.log(A.softmax(z)), tol=1e-12)


def test_softmax_of_two_classes_is_sigmoid_of_the_logit_difference():
    z = logits((10, 2))
    assert_close(A.softmax(z)[:, 1], A.sigmoid(z[:, 1] - z[:, 0]), tol=1e-15)


# -- extreme inputs and dtypes -----------------------------------------------------------------

DTYPES = [np.float32, np.float64]


@pytest.mark.parametrize("dtype", DTYPES)
def test_sigmoid_saturates_exactly_at_1e4(dtype):
    z = np.array([-1e4, 1e4], dtype=dtype)
    assert A.sigmoid(z).tolist() == [0.0, 1.0]
    assert A.sigmoid_derivative(z).tolist() == [0.0, 0.0]


@pytest.mark.parametrize("dtype", DTYPES)
def test_softmax_family_with_1e4_spread(dtype):
    z = np.array([[0.0, 1e4], [-1e4, 0.0], [1e4, 1e4]], dtype=dtype)
    assert A.softmax(z).tolist() == [[0.0, 1.0], [0.0, 1.0], [0.5, 0.5]]
    assert_close(A.log_softmax(z), [[-1e4, 0.0], [-1e4, 0.0], [-np.log(2), -np.log(2)]], tol=1e-6)


@pytest.mark.parametrize("ours, theirs", SOFTMAXES, ids=["softmax", "log_softmax"])
def test_softmax_family_of_logits_spanning_the_whole_float64_range_matches_torch(ours, theirs):
    big = np.finfo(np.float64).max
    z = np.array([[-big, big, 0.0], [-big, -big, -big]])
    assert_close(ours(z), theirs(tensor(z), dim=-1))


@pytest.mark.parametrize("fn", ALL, ids=lambda f: f.__name__)
def test_a_tensor_that_requires_grad_is_taken_for_its_values(fn):
    p = probabilities((3, 2))
    assert_close(fn(torch.tensor(p, requires_grad=True)), fn(p), tol=0)


@pytest.mark.parametrize("fn", ALL, ids=lambda f: f.__name__)
@pytest.mark.parametrize("dtype", DTYPES)
def test_floating_dtype_is_preserved(fn, dtype):
    x = probabilities((3, 2)).astype(dtype)
    assert fn(x).dtype == dtype


@pytest.mark.parametrize("fn", ALL, ids=lambda f: f.__name__)
def test_integer_input_becomes_float64(fn):
    assert fn(np.array([[0, 1], [1, 0]])).dtype == np.float64
