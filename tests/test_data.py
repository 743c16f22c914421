"""logreg.data and logreg.seeding: the shipped datasets and their checksums, the seeded
split, standardization with training statistics, and seed_everything."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from _helpers import logits
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.preprocessing import StandardScaler

from logreg import data
from logreg.seeding import seed_everything

REPO_DATA = Path(__file__).resolve().parents[1] / "data"
LOADERS = {
    "toy.csv": data.load_toy,
    "iris.csv": data.load_iris,
    "mnist_5k.npz": data.load_mnist_subset,
}

# -- the shipped datasets ----------------------------------------------------------------------


def test_toy_is_100_points_two_balanced_classes():
    X, y = data.load_toy()
    assert X.shape == (100, 2) and X.dtype == np.float64 and y.dtype == np.int64
    assert np.bincount(y).tolist() == [50, 50]


def test_toy_is_linearly_separable():
    X, y = data.load_toy()
    assert SkLogisticRegression(C=1e6, max_iter=10_000).fit(X, y).score(X, y) == 1.0


def test_iris_is_the_uci_file():
    X, y = data.load_iris()
    assert X.shape == (150, 4) and X.dtype == np.float64 and y.dtype == np.int64
    assert np.bincount(y).tolist() == [50, 50, 50]
    assert X[0].tolist() == [5.1, 3.5, 1.4, 0.2] and y[0] == 0
    assert len(data.IRIS_FEATURES) == 4
    assert data.IRIS_CLASSES == ("setosa", "versicolor", "virginica")


def test_mnist_subset_is_5000_uint8_images_500_per_digit():
    images, labels = data.load_mnist_subset()
    assert images.shape == (5000, 28, 28) and images.dtype == np.uint8
    assert labels.dtype == np.int64 and np.bincount(labels).tolist() == [500] * 10
    assert images.max() == 255 and images.min() == 0


def test_shipped_files_match_the_checksums():
    for name, digest in data.CHECKSUMS.items():
        assert hashlib.sha256((REPO_DATA / name).read_bytes()).hexdigest() == digest, name


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """All shipped files copied to a temporary LOGREG_DATA_DIR."""
    for name in data.CHECKSUMS:
        shutil.copy(REPO_DATA / name, tmp_path / name)
    monkeypatch.setenv("LOGREG_DATA_DIR", str(tmp_path))
    return tmp_path


def test_data_dir_honours_the_environment_variable(data_copy):
    assert data.data_dir() == data_copy
    X, y = data.load_toy()  # the copy verifies and loads
    assert X.shape == (100, 2)


def _flip_a_byte(path):
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))


def _truncate(path):
    path.write_bytes(path.read_bytes()[:-10])


@pytest.mark.parametrize("damage", [_flip_a_byte, _truncate], ids=["corrupted", "truncated"])
@pytest.mark.parametrize("name", LOADERS)
def test_damaged_file_raises_naming_it(data_copy, name, damage):
    damage(data_copy / name)
    with pytest.raises(ValueError, match=rf"{name}.*corrupted or truncated"):
        LOADERS[name]()


@pytest.mark.parametrize("name", LOADERS)
def test_missing_file_raises_naming_it(data_copy, name):
    (data_copy / name).unlink()
    with pytest.raises(FileNotFoundError, match=name):
        LOADERS[name]()


# -- train_test_split --------------------------------------------------------------------------


def _rows(n=40):
    """X whose rows are identifiable (row i is [i, -i]) and y = i."""
    i = np.arange(n)
    return np.column_stack([i, -i]), i


@pytest.mark.parametrize("test_size, n_test", [(0.25, 10), (0.5, 20), (0.1, 4), (0.9, 36)])
def test_split_sizes_are_disjoint_and_cover_all_rows(test_size, n_test):
    X, y = _rows()
    X_train, X_test, y_train, y_test = data.train_test_split(X, y, test_size=test_size)
    assert len(X_test) == len(y_test) == n_test and len(X_train) == len(y_train) == 40 - n_test
    assert set(y_train).isdisjoint(y_test)
    assert sorted(np.concatenate([y_train, y_test])) == list(range(40))
    assert np.array_equal(X_train[:, 0], y_train) and np.array_equal(X_test[:, 0], y_test)


def test_split_is_deterministic_given_the_seed():
    X, y = _rows()
    first, again = data.train_test_split(X, y, seed=7), data.train_test_split(X, y, seed=7)
    other = data.train_test_split(X, y, seed=8)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not np.array_equal(first[3], other[3])


# -- standardize -------------------------------------------------------------------------------


@pytest.mark.parametrize("ddof", [0, 1])
def test_standardize_gives_zero_mean_unit_std_on_training_data(ddof):
    X = logits((30, 3)) * [1.0, 10.0, 0.1] + [5.0, -3.0, 0.0]
    (Z,) = data.standardize(X, ddof=ddof)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-14)
    np.testing.assert_allclose(Z.std(axis=0, ddof=ddof), 1.0, rtol=1e-14)


def test_standardize_matches_sklearn_on_train_and_test():
    """scikit-learn's scaler divides by the population std: ddof=0 matches it."""
    X_train, X_test = logits((30, 3)), logits((7, 3), offset=9) + 2.0
    scaler = StandardScaler().fit(X_train)
    Z_train, Z_test = data.standardize(X_train, X_test, ddof=0)
    np.testing.assert_allclose(Z_train, scaler.transform(X_train), atol=1e-14)
    np.testing.assert_allclose(Z_test, scaler.transform(X_test), atol=1e-14)


def test_standardize_uses_the_training_statistics_and_torch_std_by_default():
    X_train, X_test, X_more = logits((30, 2)), logits((5, 2), offset=2), logits((3, 2), offset=3)
    mean, std = torch.from_numpy(X_train).mean(dim=0), torch.from_numpy(X_train).std(dim=0)
    mean, std = mean.numpy(), std.numpy()
    out = data.standardize(X_train, X_test, X_more)
    assert len(out) == 3
    np.testing.assert_allclose(out[1], (X_test - mean) / std, atol=1e-14)
    np.testing.assert_allclose(out[2], (X_more - mean) / std, atol=1e-14)


def test_standardize_float16_data_as_float64():
    X = np.array([[1000.0], [60000.0], [-3000.0]], dtype=np.float16)  # squares overflow float16
    (got,) = data.standardize(X)
    (expected,) = data.standardize(X.astype(np.float64))
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("scale", [1e-200, 1e200, 2.0**-1070, np.finfo(np.float64).max / 2])
def test_standardize_is_exact_at_magnitudes_whose_squares_underflow_or_overflow(scale):
    """Two examples: the sample standardization is -1/sqrt(2), +1/sqrt(2) at any scale."""
    (got,) = data.standardize([[scale], [2 * scale]])
    np.testing.assert_allclose(got, [[-0.5**0.5], [0.5**0.5]], rtol=1e-15)


# -- seed_everything ---------------------------------------------------------------------------


@pytest.fixture
def restore_threads():
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


def _draws(seed, threads=1):
    rng = seed_everything(seed, threads=threads)
    return (
        torch.rand(3).tolist(),
        np.random.rand(3).tolist(),
        random.random(),
        rng.random(3).tolist(),
    )


def test_same_seed_gives_the_same_draws(restore_threads):
    assert _draws(123) == _draws(123)
    assert _draws(123) != _draws(124)


def test_returned_generator_is_default_rng_of_the_seed(restore_threads):
    assert np.array_equal(seed_everything(5).random(4), np.random.default_rng(5).random(4))


def test_data_reexports_seed_everything():
    assert data.seed_everything is seed_everything


@pytest.mark.parametrize("threads", [1, 2])
def test_threads_are_set(restore_threads, threads):
    seed_everything(0, threads=threads)
    assert torch.get_num_threads() == threads


@pytest.mark.parametrize("env, expected", [(None, 1), ("2", 2), ("1", 1)])
def test_threads_default_to_logreg_threads_else_1(restore_threads, monkeypatch, env, expected):
    torch.set_num_threads(3 - expected)  # start from a different value
    if env is None:
        monkeypatch.delenv("LOGREG_THREADS", raising=False)
    else:
        monkeypatch.setenv("LOGREG_THREADS", env)
    seed_everything(0)
    assert torch.get_num_threads() == expected


def test_explicit_threads_override_the_environment(restore_threads, monkeypatch):
    monkeypatch.setenv("LOGREG_THREADS", "2")
    seed_everything(0, threads=1)
    assert torch.get_num_threads() == 1


def test_seed_everything_limits_numpy_blas_threads():
    from threadpoolctl import threadpool_info

    try:
        seed_everything(0, threads=1)
        blas = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
        assert blas and set(blas) == {1}, f"BLAS pools not limited to 1 thread: {blas}"
    finally:
        seed_everything(0, threads=torch.get_num_threads())


def test_verify_finds_every_dataset_intact():
    assert data.verify() == data.data_dir()


def test_verify_names_the_fix_when_the_data_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGREG_DATA_DIR", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="LOGREG_DATA_DIR is set: point it at a folder"):
        data.verify()
