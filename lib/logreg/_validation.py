"""Input checks shared by the public functions of :mod:`logreg`.

Every public function validates at its boundary so that bad input raises a
``ValueError`` that names the argument and says what was expected, instead of
returning a silent NaN or a number of the wrong shape.
"""

from __future__ import annotations

import sys

import numpy as np

__all__ = [
    "as_array",
    "as_float_array",
    "as_integer_labels",
    "as_binary_labels",
    "as_class_labels",
    "check_same_length",
    "check_same_shape",
    "check_int",
    "check_positive_number",
    "check_axis",
    "exact_scale",
]


def as_array(x: object, name: str) -> np.ndarray:
    """``x`` as a numpy array, dtype untouched. A torch tensor counts for its values, even one
    that requires grad; what numpy cannot turn into a rectangular array (a ragged list, a
    bfloat16 tensor) is a ValueError naming ``name``."""
    torch = sys.modules.get("torch")  # a tensor can only exist once torch is imported
    if torch is not None and isinstance(x, torch.Tensor):
        x = x.detach().cpu()
    try:
        return np.asarray(x)
    except (ValueError, TypeError, RuntimeError) as error:
        raise ValueError(
            f"{name} must be a rectangular array of numbers, got a {type(x).__name__} that numpy "
            f"cannot convert ({error})"
        ) from error


def as_float_array(x: object, name: str, ndim: int | None = None) -> np.ndarray:
    """Return ``x`` as a finite, non-empty float array: float32 and float64 stay as they are,
    everything else (bool, integers, float16) becomes float64.

    float16 is a storage format: computed in, its squares overflow at 256 and a floor such as
    1e-12 rounds to 0."""
    arr = as_array(x, name)
    kind = arr.dtype.kind
    if kind == "c":
        raise ValueError(f"{name} must be real-valued, got dtype {arr.dtype}")
    if kind not in "biuf":
        raise ValueError(f"{name} must be numeric, got dtype {arr.dtype}")
    if kind != "f" or arr.dtype == np.float16:
        arr = arr.astype(np.float64)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must be non-empty, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got NaN or inf")
    return arr


def as_integer_labels(y: object, name: str = "y") -> np.ndarray:
    """Return ``y`` as a 1-D float array whose entries are all whole numbers (labels) below
    2**53 in magnitude, where float64 still tells neighbouring integers apart."""
    arr = as_float_array(y, name, ndim=1)
    bad = (arr != np.round(arr)) | (np.abs(arr) >= 2.0**53)
    if np.any(bad):
        raise ValueError(f"{name} must contain integer class labels (whole numbers below 2**53 in "
                         f"magnitude), got {np.unique(arr[bad])[:5].tolist()}")
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
    arr = as_integer_labels(y, name)
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
    if maximum is not None:
        kind = f"an integer in [{minimum}, {maximum}]"
    else:
        kind = {0: "a non-negative integer", 1: "a positive integer"}.get(
            minimum, f"an integer >= {minimum}")
    ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
    if not ok or value < minimum or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be {'None or ' if optional else ''}{kind}, got {value!r}")
    return int(value)


def check_axis(axis: object, arr: np.ndarray, name: str) -> int:
    """Return ``axis`` if it is an axis of ``arr`` (the array passed as ``name``)."""
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least 1 dimension to take an axis of, got a 0-D array")
    if not (isinstance(axis, (int, np.integer)) and not isinstance(axis, bool)) \
            or not -arr.ndim <= axis < arr.ndim:
        raise ValueError(
            f"axis must be an integer in [{-arr.ndim}, {arr.ndim - 1}] for {name} of shape "
            f"{arr.shape}, got {axis!r}"
        )
    return int(axis)


def check_positive_number(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite real number > 0 (numpy scalars allowed)."""
    number = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    try:
        as_float = float(value) if number else np.nan
    except OverflowError:  # an int beyond the float range
        as_float = np.inf
    if not (np.isfinite(as_float) and as_float > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return as_float


def exact_scale(magnitude: np.ndarray) -> np.ndarray:
    """A power of two within a factor 2 of ``magnitude`` (0.5 for 0). Dividing by it is exact, so
    a result computed on the scaled values is the unscaled one, but sums of squares of values
    near the float limits (1e-200, 1e300) can neither overflow nor underflow."""
    return np.ldexp(np.ones_like(magnitude), np.frexp(magnitude)[1] - 1)
