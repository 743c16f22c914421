"""logreg.blas: every way computes A @ B, the choice is made once per shape and layout and
prefers numpy's own product, and softmax regression gives the same numbers whichever way its
two products take."""

from __future__ import annotations

import sys

import numpy as np
import pytest
import torch  # noqa: F401  (imported: torch's ways are candidates)

from logreg import blas, gradients
from logreg.models import SoftmaxRegression

WAYS = list(blas.WAYS)


def operands(dtype=np.float64, n=300, m=40, k=5):
    rng = np.random.default_rng(479)
    X = rng.normal(size=(n, m)).astype(dtype)
    return {
        "X @ W": (X, rng.normal(size=(m, k)).astype(dtype)),
        "X @ W, W stored K x m": (X, np.ascontiguousarray(rng.normal(size=(k, m)).T).astype(dtype)),
        "X.T @ G": (X.T, rng.normal(size=(n, k)).astype(dtype)),
        "X.T @ G, G column-major": (X.T, np.asfortranarray(rng.normal(size=(n, k))).astype(dtype)),
    }


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("dtype, rtol", [(np.float64, 1e-12), (np.float32, 1e-5)])
def test_every_way_computes_the_product(way, dtype, rtol):
    for what, (A, B) in operands(dtype).items():
        got = blas.WAYS[way](A, B)
        assert got.shape == (A.shape[0], B.shape[1]) and got.dtype == dtype, what
        np.testing.assert_allclose(got, A.astype(np.float64) @ B, rtol=rtol, atol=rtol, err_msg=what)


def test_torch_is_a_candidate_only_on_arrays_it_can_share(monkeypatch):
    A, B = operands()["X @ W"]
    assert list(blas.candidates(A, B)) == WAYS
    read_only = A.copy()
    read_only.flags.writeable = False
    numpy_only = ["numpy", "numpy, transposed"]
    assert list(blas.candidates(read_only, B)) == numpy_only
    assert list(blas.candidates(A.astype(np.float32), B)) == numpy_only
    monkeypatch.delitem(sys.modules, "torch")
    assert list(blas.candidates(A, B)) == numpy_only


@pytest.fixture
def fresh(monkeypatch):
    """No choice made yet in this process."""
    monkeypatch.setattr(blas, "_chosen", {})
    monkeypatch.setattr(blas, "_library", {})


def test_a_way_that_cannot_take_the_arrays_drops_out(fresh):
    A, B = operands()["X @ W"]
    reversed_rows = A[::-1]  # torch.from_numpy refuses negative strides
    assert set(blas.measure(reversed_rows, B)) == {"numpy", "numpy, transposed"}
    assert set(blas.measure(A, B)) == set(WAYS)


def test_one_library_per_dtype_so_thread_pools_never_alternate(fresh, monkeypatch):
    times = {"numpy": 3.0, "numpy, transposed": 2.0, "torch": 2.5, "torch, transposed": 1.0}
    monkeypatch.setattr(blas, "measure", lambda A, B: times)
    A, B = operands()["X @ W"]
    assert blas.fastest(A, B) is blas.WAYS["torch, transposed"]  # torch chosen
    times = {"numpy": 1.0, "numpy, transposed": 1.0, "torch": 1.5, "torch, transposed": 2.0}
    assert blas.fastest(A.T, A) is blas.WAYS["torch"]  # still torch, its faster way
    A32, B32 = operands(np.float32)["X @ W"]
    assert blas.fastest(A32, B32) is blas.WAYS["numpy"]  # float32 chooses anew
    times = {"numpy": 1.0, "numpy, transposed": 3.0}  # read-only arrays: numpy after all
    assert blas.fastest(A, B) is blas.WAYS["numpy"]


def test_numpy_is_kept_unless_clearly_beaten():
    assert blas.pick({"numpy": 1.04, "numpy, transposed": 1.0, "torch": 1.01}) == "numpy"
    assert blas.pick({"numpy": 1.2, "numpy, transposed": 1.1, "torch": 1.0}) == "torch"
    assert blas.pick({"numpy": 1.0, "torch": 2.0}) == "numpy"


def test_the_choice_is_timed_once_per_shape_and_layout(fresh, monkeypatch):
    timed = []

    def fastest(A, B):
        timed.append((A.shape, A.strides, B.shape, B.strides))
        return blas.WAYS["torch, transposed"]

    monkeypatch.setattr(blas, "fastest", fastest)
    A, B = operands(n=2000, m=100, k=10)["X @ W"]  # 2e6 multiply-adds: timed
    for _ in range(3):
        np.testing.assert_allclose(blas.matmul(A, B), A @ B, rtol=1e-12)
    blas.matmul(np.asfortranarray(A), B)  # another layout: timed again
    assert len(timed) == 2
    assert blas.chosen() == {((2000, 100), (100, 10), "float64"): "torch, transposed"}
    small_A, small_B = operands()["X @ W"]  # 6e4 multiply-adds: plain A @ B, nothing timed
    np.testing.assert_array_equal(blas.matmul(small_A, small_B), small_A @ small_B)
    assert len(timed) == 2


def _softmax_by_the_formula(X, y, W, b):
    Z = X @ W + b
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(P[np.arange(len(y)), y]))
    G = (P - np.eye(W.shape[1])[y]) / len(y)
    return loss, X.T @ G, G.sum(axis=0)


@pytest.mark.parametrize("way", WAYS)
def test_softmax_gradients_are_the_same_whichever_way(way, monkeypatch):
    monkeypatch.setattr(gradients, "matmul", blas.WAYS[way])
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(500, 30)), rng.integers(0, 4, 500)
    W, b = rng.normal(size=(30, 4)), rng.normal(size=4)
    for got, expected in zip(gradients._softmax(X, y, W, b), _softmax_by_the_formula(X, y, W, b),
                             strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("way", WAYS)
def test_float32_training_stays_float32_whichever_way(way, monkeypatch):
    monkeypatch.setattr(gradients, "matmul", blas.WAYS[way])
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(200, 6)).astype(np.float32), np.arange(200) % 3
    model = SoftmaxRegression(lr=0.1, epochs=5).fit(X, y)
    assert model.w_.dtype == model.b_.dtype == np.float32
    reference = SoftmaxRegression(lr=0.1, epochs=5).fit(X.astype(np.float64), y)
    np.testing.assert_allclose(model.w_, reference.w_, rtol=1e-4, atol=1e-5)
