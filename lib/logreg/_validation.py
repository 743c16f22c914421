"""Input checks shared by the public functions of :mod:`logreg`.

Every public function validates at its boundary so that bad input raises a
``ValueError`` that names the argument and says what was expected, instead of
returning a silent NaN or a number of the wrong shape.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "as_float_array",
    "as_binary_labels",
    "as_class_labels",
    "check_same_length",
    "check_same_shape",
    "check_int",
    "check_positive_number",
]


def as_float_array(x: object, name: str, ndim: int | None = None) -> np.ndarray:
    """Return ``x`` as a finite, non-empty float array (float64 unless already floating)."""
    arr = np.asarray(x)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or arr.dtype == bool
    ):
        raise ValueError(f"{name} must be numeric, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise ValueError(f"{name} must be real-valued, got dtype {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must be non-empty, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got NaN or inf")
    return arr


def as_binary_labels(y: object, name: str = "y") -> np.ndarray:
    """Return ``y`` as a float array whose entries are all 0 or 1."""
    arr = as_float_array(y, name)
    if not np.all((arr == 0) | (arr == 1)):
        bad = np.unique(arr[(arr != 0) & (arr != 1)])[:5]
        raise ValueError(f"{name} must contain only 0 and 1, got {bad.tolist()}")
    return arr


def as_class_labels(y: object, n_classes: int, name: str = "y") -> np.ndarray:
    """Return ``y`` as a 1-D int64 array of class indices in ``[0, n_classes)``."""
    arr = as_float_array(y, name, ndim=1)
    if not np.all(arr == np.round(arr)):
        raise ValueError(f"{name} must contain integer class labels, got non-integers")
    if arr.min() < 0 or arr.max() >= n_classes:
        raise ValueError(
            f"{name} must contain labels in [0, {n_classes}), "
            f"got values from {arr.min():g} to {arr.max():g}"
        )
    return arr.astype(np.int64)


def check_same_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise if ``a`` and ``b`` do not have the same number of rows (examples)."""
    if a.shape[0] != b.shape[0]:
        raise ValueError(
            f"{name_a} and {name_b} must have the same number of examples, "
            f"got {a.shape[0]} and {b.shape[0]}"
        )


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise if ``a`` and ``b`` differ in shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}"
        )


def check_int(
    value: object, name: str, minimum: int = 0, maximum: int | None = None, optional: bool = False
) -> int | None:
    """Return ``value`` as an int if it is an integer (not a bool) in [minimum, maximum];
    ``None`` passes through when ``optional``."""
    if optional and value is None:
        return None
    kind = {0: "a non-negative integer", 1: "a positive integer"}.get(minimum, f"an integer >= {minimum}")
    if maximum is not None:
        kind += f" <= {maximum}"
    ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    if not ok or value < minimum or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be {'None or ' if optional else ''}{kind}, got {value!r}")
    return int(value)


def check_positive_number(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite real number > 0 (numpy scalars allowed)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)
