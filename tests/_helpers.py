"""Shared helpers for the logreg unit tests: seeded random data, torch references
(values and autograd gradients in float64) and a shape-checking closeness assertion."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch

SEED = 479
#: Agreement asked of float64 results against torch's float64 results.
TOL = 1e-12


def rng(offset: int = 0) -> np.random.Generator:
    """A fresh generator, seeded so that every test sees the same data on every run."""
    return np.random.default_rng(SEED + offset)


def logits(shape: tuple[int, ...], scale: float = 3.0, offset: int = 0) -> np.ndarray:
    return rng(offset).normal(scale=scale, size=shape)


def probabilities(shape: tuple[int, ...], offset: int = 0) -> np.ndarray:
    """Uniform in [0.02, 0.98]: away from the endpoints, where BCE's clamp would act."""
    return rng(offset).uniform(0.02, 0.98, size=shape)


def binary_labels(shape: tuple[int, ...], offset: int = 1) -> np.ndarray:
    return rng(offset).integers(0, 2, size=shape).astype(np.float64)


def class_labels(n: int, n_classes: int, offset: int = 1) -> np.ndarray:
    return rng(offset).integers(0, n_classes, size=n)


def tensor(x: object, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    return torch.tensor(np.asarray(x), dtype=dtype)


def torch_value_and_grad(
    fn: Callable[..., torch.Tensor], x: np.ndarray, *others: torch.Tensor
) -> tuple[np.ndarray, np.ndarray]:
    """``fn(x, *others)`` evaluated by torch in float64, and its gradient w.r.t. ``x``
    by autograd (of the sum, for a non-scalar output)."""
    xt = tensor(x).requires_grad_(True)
    out = fn(xt, *others)
    (grad,) = torch.autograd.grad(out.sum(), xt)
    return out.detach().numpy(), grad.numpy()


def assert_close(actual: object, expected: object, tol: float = TOL) -> None:
    """Same shape, and equal to ``tol`` relative and absolute."""
    actual = np.asarray(actual)
    expected = np.asarray(expected.detach() if isinstance(expected, torch.Tensor) else expected)
    assert actual.shape == expected.shape, f"shape {actual.shape} != expected {expected.shape}"
    np.testing.assert_allclose(actual, expected, rtol=tol, atol=tol)
