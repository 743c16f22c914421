"""logreg.gradcheck: central differences of functions whose gradient is known in closed
form, the relative error's fixed points, and check_gradient telling right from wrong.
(Its ValueErrors are in test_bad_input.py.)"""

from __future__ import annotations

import numpy as np
import pytest
from _helpers import logits

from logreg import gradcheck as G
from logreg.activations import sigmoid


@pytest.mark.parametrize("shape", [(1,), (5,), (3, 4)])
def test_numerical_gradient_of_sum_of_squares_is_2x(shape):
    x = logits(shape)
    np.testing.assert_allclose(G.numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, atol=1e-8)


def test_numerical_gradient_of_linear_function_is_its_coefficients():
    a, x = logits((6,)), logits((6,), offset=3)
    np.testing.assert_allclose(G.numerical_gradient(lambda v: a @ v, x), a, atol=1e-8)


def test_numerical_gradient_leaves_its_input_unchanged():
    x = logits((4,))
    before = x.copy()
    G.numerical_gradient(lambda v: np.sum(np.sin(v)), x)
    assert np.array_equal(x, before)


def test_numerical_gradient_returns_float64_for_integer_input():
    grad = G.numerical_gradient(lambda v: np.sum(v**2), np.array([1, 2, 3]))
    assert grad.dtype == np.float64
    np.testing.assert_allclose(grad, [2.0, 4.0, 6.0], atol=1e-8)


def test_relative_error_is_zero_for_equal_arrays():
    x = logits((3, 4))
    assert G.relative_error(x, x.copy()) == 0.0
    assert G.relative_error(np.zeros(3), np.zeros(3)) == 0.0  # no 0/0


def test_relative_error_is_one_for_opposite_and_about_one_for_unrelated_arrays():
    a, b = logits((100,)), logits((100,), offset=5)
    assert G.relative_error(a, -a) == pytest.approx(1.0, abs=1e-15)
    assert 0.5 < G.relative_error(a, b) <= 1.0


def test_relative_error_scales_with_the_perturbation():
    a = logits((10,))
    assert G.relative_error(a, a * (1 + 1e-6)) == pytest.approx(5e-7, rel=1e-3)


def _f(x):
    return np.sum(np.log1p(np.exp(x)) * x)  # softplus(x) * x: no shortcut to guess


def _df(x):
    return sigmoid(x) * x + np.log1p(np.exp(x))


WRONG_GRADIENTS = {
    "sign flipped": lambda x: -_df(x),
    "factor 2": lambda x: 2 * _df(x),
    "missing term": lambda x: sigmoid(x) * x,
}


def test_check_gradient_accepts_the_correct_gradient():
    assert G.check_gradient(_f, _df, logits((3, 4))) < 1e-7


@pytest.mark.parametrize("wrong", WRONG_GRADIENTS.values(), ids=WRONG_GRADIENTS.keys())
def test_check_gradient_rejects_a_wrong_gradient(wrong):
    assert G.check_gradient(_f, wrong, logits((3, 4))) > 1e-2


def test_check_gradient_passes_grad_a_copy():
    """A gradient that scribbles on its argument must not corrupt the finite differences."""

    def scribbling_grad(x):
        g = _df(x)
        x[...] = 0.0
        return g

    assert G.check_gradient(_f, scribbling_grad, logits((5,))) < 1e-7


# -- memory layouts and magnitudes -------------------------------------------------------------

LAYOUTS = {
    "Fortran order": lambda x: np.asfortranarray(x),
    "transposed": lambda x: np.ascontiguousarray(x.T).T,
    "every other column": lambda x: np.repeat(x, 2, axis=1)[:, ::2],
    "read-only": lambda x: np.lib.stride_tricks.as_strided(x, writeable=False),
}


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_numerical_gradient_of_any_memory_layout(layout):
    x = layout(np.arange(1.0, 7.0).reshape(2, 3))
    np.testing.assert_allclose(G.numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, atol=1e-8)


def test_relative_error_of_magnitudes_whose_squares_overflow_or_underflow():
    assert G.relative_error([1e155], [0.0]) == 1.0
    assert G.relative_error([1e300, 1e300], [1e300, 1e300]) == 0.0
    assert G.relative_error([3e300], [1e300]) == pytest.approx(0.5, rel=1e-15)
    assert G.relative_error([3e-170], [1e-170]) == pytest.approx(2e-170 / 1e-12, rel=1e-15)
