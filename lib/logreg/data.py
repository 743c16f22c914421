"""The datasets shipped in ``data/``, verified by SHA-256, and the usual preparation:
a seeded train/test split and standardization with training statistics.

Nothing here reads the network. The files are found without configuration: a regular
install (``pip install .``) carries them inside the package (``logreg/datasets/``), an
editable one (``pip install -e .``) reads the repository's ``data/``. The ``LOGREG_DATA_DIR``
environment variable, if set, names another folder holding the same files.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import numpy as np

from ._validation import as_array, as_float_array, check_int, check_same_length, exact_scale
from .seeding import seed_everything

__all__ = [
    "CHECKSUMS",
    "data_dir",
    "verify",
    "load_toy",
    "load_iris",
    "load_mnist_subset",
    "train_test_split",
    "standardize",
    "seed_everything",
    "IRIS_FEATURES",
    "IRIS_CLASSES",
]

#: SHA-256 of every shipped file (also listed in data/README.md; a test keeps the two equal).
CHECKSUMS = {
    "toy.csv": "38b7cc211ac3e46a983dc2f7009b19fecaa4a8c8afb1ecf0fce678ca26c1601c",
    "iris.csv": "810433e9634ad1cdd81aeb1afa26d1e629652987eccbf852db8c228ee16cbadb",
    "mnist_5k.npz": "e613f869dab204a63ca426b433eb82b9fbeea13c331b12de387c1c5339df8224",
}

IRIS_FEATURES = ("sepal length [cm]", "sepal width [cm]", "petal length [cm]", "petal width [cm]")
IRIS_CLASSES = ("setosa", "versicolor", "virginica")


_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder holding the datasets: ``$LOGREG_DATA_DIR`` if set, else the copy installed
    with the package, else the repository's ``data/`` (an editable install)."""
    env = os.environ.get("LOGREG_DATA_DIR")
    if env:
        return Path(env)
    installed = _PACKAGE / "datasets"
    return installed if installed.is_dir() else _PACKAGE.parents[1] / "data"


def _read_verified(name: str) -> bytes:
    path = data_dir() / name
    if not path.is_file():
        how = ("LOGREG_DATA_DIR is set: point it at a folder holding the files of the "
               "repository's data/, or unset it" if os.environ.get("LOGREG_DATA_DIR") else
               "reinstall the package from the repository (pip install .), or set "
               "LOGREG_DATA_DIR to a folder holding the files of the repository's data/")
        raise FileNotFoundError(f"dataset file {path} is missing: {how}")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != CHECKSUMS[name]:
        raise ValueError(
            f"dataset file {path} is corrupted or truncated: SHA-256 {digest} "
            f"!= expected {CHECKSUMS[name]}; restore it with `git checkout -- data/{name}`"
        )
    return raw


def verify() -> Path:
    """Check that every shipped dataset is present and intact; return their folder.

    Raises FileNotFoundError (missing) or ValueError (corrupted) saying how to fix it: the
    notebooks call this first, so a kernel without the data fails at once, not cells later.

    >>> verify().name in ("data", "datasets")
    True
    """
    for name in CHECKSUMS:
        _read_verified(name)
    return data_dir()


def _read_csv(name: str) -> np.ndarray:
    return np.loadtxt(io.StringIO(_read_verified(name).decode()), delimiter=",", skiprows=1)


def load_toy() -> tuple[np.ndarray, np.ndarray]:
    """The lecture's running binary example: X (100, 2) float64, y (100,) int64 in {0, 1}."""
    table = _read_csv("toy.csv")
    return table[:, :2], table[:, 2].astype(np.int64)


def load_iris() -> tuple[np.ndarray, np.ndarray]:
    """UCI Iris: X (150, 4) float64 in the order of ``IRIS_FEATURES``; y (150,) int64,
    setosa 0, versicolor 1, virginica 2 (``IRIS_CLASSES``)."""
    table = _read_csv("iris.csv")
    return table[:, :4], table[:, 4].astype(np.int64)


def load_mnist_subset() -> tuple[np.ndarray, np.ndarray]:
    """5,000 MNIST digits, 500 per class: images (5000, 28, 28) uint8, labels (5000,) int64."""
    with np.load(io.BytesIO(_read_verified("mnist_5k.npz")), allow_pickle=False) as npz:
        return npz["images"], npz["labels"].astype(np.int64)


def train_test_split(
    X: object, y: object, test_size: float = 0.25, seed: int = 123
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle with ``numpy.random.default_rng(seed)`` and split off ``test_size`` of the
    examples: returns ``X_train, X_test, y_train, y_test``."""
    X = as_array(X, "X")
    y = as_array(y, "y")
    if X.ndim < 1:
        raise ValueError(f"X must be a non-empty array of examples (one per row), got shape {X.shape}")
    as_float_array(X, "X")  # numeric, finite and non-empty; X itself keeps its dtype
    as_float_array(y, "y", ndim=1)
    check_same_length(X, y, "X", "y")
    is_fraction = isinstance(test_size, (float, np.floating)) and 0 < test_size < 1
    if not is_fraction:
        raise ValueError(f"test_size must be a fraction in (0, 1), got {test_size!r}")
    seed = check_int(seed, "seed")
    n_test = int(round(test_size * X.shape[0]))
    if not 0 < n_test < X.shape[0]:
        raise ValueError(f"test_size={test_size} leaves an empty train or test set")
    order = np.random.default_rng(seed).permutation(X.shape[0])
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def standardize(
    X_train: object, *others: object, ddof: int = 1
) -> tuple[np.ndarray, ...]:
    """Standardize ``X_train`` and each array in ``others`` with the training mean and
    standard deviation. The collection's one convention is the sample standard deviation,
    ``ddof=1``: what ``torch.Tensor.std`` computes and what the original softmax notebook
    used. Returns the standardized arrays in the order given.

    >>> standardize([[1.0], [3.0]], [[2.0]])
    (array([[-0.70710678],
           [ 0.70710678]]), array([[0.]]))
    """
    train = as_float_array(X_train, "X_train", ndim=2)
    ddof = check_int(ddof, "ddof")
    if ddof >= train.shape[0]:
        raise ValueError(
            f"ddof must be smaller than the number of rows of X_train ({train.shape[0]}), got {ddof}"
        )
    constant = np.all(train == train[0], axis=0)
    if np.any(constant):
        raise ValueError(f"X_train has a constant feature (column {np.flatnonzero(constant)[0]}); "
                         "its standard deviation is 0")
    # Each feature divided by a power of two near its largest magnitude: exact, so the result is
    # the same, but the squares in the standard deviation can neither overflow (1e200, float32's
    # 1e30) nor underflow (1e-200).
    scale = exact_scale(np.abs(train).max(axis=0))
    train = train / scale
    mean = train.mean(axis=0)
    std = train.std(axis=0, ddof=ddof)
    out = [(train - mean) / std]
    for i, other in enumerate(others):
        arr = as_float_array(other, f"others[{i}]", ndim=2)
        if arr.shape[1] != train.shape[1]:
            raise ValueError(
                f"others[{i}] must have {train.shape[1]} features, got {arr.shape[1]}"
            )
        with np.errstate(over="ignore"):
            standardized = (arr / scale - mean) / std
        if not np.all(np.isfinite(standardized)):
            raise ValueError(f"others[{i}] lies too far outside X_train's range: standardized, "
                             f"it overflows {standardized.dtype}")
        out.append(standardized)
    return tuple(out)
