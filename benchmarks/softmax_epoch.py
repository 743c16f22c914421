"""One full-batch epoch of softmax regression on the MNIST subset, against its floor.

An epoch of full-batch softmax regression must compute the logits ``Z = X @ W`` and the
weight gradient ``X.T @ G`` with ``G = (P - Y)/n``: two passes over ``X`` (n x m) against
an m x K or n x K matrix. Those two products alone, on the same arrays, are the *floor*;
everything else (bias, softmax, loss, update) is overhead. Contenders:

* ``floor``: ``X @ W`` and ``X.T @ G`` in numpy, the reference of every ratio;
* ``floor, other orientation``: the second product as ``(G.T @ X).T`` (the same sums).
  OpenBLAS runs it up to 1.6x faster on one thread, but at two threads on a busy machine,
  next to torch's thread pool, it can be several times slower: logreg does not use it,
  and this row keeps the finding visible;
* ``logreg``: ``logreg.models.SoftmaxRegression``, one epoch exactly as ``fit`` runs it;
* ``torch manual``: the same computation written with torch tensors (no autograd), with
  ``W`` stored (K, m) as ``nn.Linear`` stores it (torch's faster layout here);
* ``torch nn.Linear``: ``nn.Linear`` + ``F.cross_entropy`` + ``optim.SGD`` (autograd);
* ``torch floor``: the two products in torch, in that layout (what torch's MKL costs).

Every torch tensor shares memory with the numpy array (``torch.from_numpy``).
The floor is also compared with the memory bound: two reads of ``X`` at the read
bandwidth this machine shows for a large array (``np.sum`` over 256 MB).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from .timing import paired_ratio, round_robin, thread_limit

__all__ = ["mnist_matrix", "contenders", "memory_bandwidth", "run"]

LR = 0.1
K = 10
FLOOR = "floor (numpy X@W + X.T@G)"
FLOOR_ORIENTED = "floor, other orientation (X@W + (G.T@X).T)"
OURS = "logreg SoftmaxRegression"
TORCH_NN = "torch nn.Linear + cross_entropy + SGD"
TORCH_MANUAL = "torch manual gradients (W as K×m)"
TORCH_FLOOR = "torch floor (X@W.T + G.T@X, W as K×m)"


def mnist_matrix(n: int = 4000, dtype: str = "float64") -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` images of ``logreg.data.load_mnist_subset()`` as an (n, 784) C-contiguous
    matrix scaled to [0, 1] in ``dtype``, and their labels (int64)."""
    from logreg.data import load_mnist_subset

    images, labels = load_mnist_subset()
    X = (images[:n].reshape(n, -1) / 255.0).astype(dtype)
    return np.ascontiguousarray(X), labels[:n]


def contenders(X: np.ndarray, y: np.ndarray) -> dict[str, Callable[[], object]]:
    """Zero-argument callables, each one epoch (or, for the floors, the two products)."""
    import torch
    import torch.nn.functional as F

    from logreg.models import SoftmaxRegression

    n, m = X.shape
    dtype = X.dtype
    tdtype = {np.dtype("float64"): torch.float64, np.dtype("float32"): torch.float32}[dtype]
    rng = np.random.default_rng(0)

    # the floor: the two products on the same X, with a W and a G of the epoch's shapes
    W_floor = rng.normal(scale=0.01, size=(m, K)).astype(dtype)
    G_floor = rng.normal(scale=1e-4, size=(n, K)).astype(dtype)

    def floor():
        return X @ W_floor, X.T @ G_floor

    def floor_oriented():
        return X @ W_floor, (G_floor.T @ X).T

    # ours: one more epoch of the model, through its public API
    model = SoftmaxRegression(lr=LR, epochs=1, n_classes=K)

    def ours():
        return model.partial_fit(X, y)

    # torch, manual gradients (no autograd), on the same memory. W is stored (K, m) as
    # nn.Linear stores it: torch's MKL runs these products 1.4-3x faster than with (m, K).
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    rows = torch.arange(n)
    W_t = torch.zeros(K, m, dtype=tdtype)
    b_t = torch.zeros(K, dtype=tdtype)

    def torch_manual():
        log_p = torch.log_softmax(Xt @ W_t.T + b_t, dim=1)
        loss = -log_p[rows, yt].mean()
        G = log_p.exp_()  # P
        G[rows, yt] -= 1.0  # P - Y
        G /= n
        W_t.sub_(LR * (G.T @ Xt))  # the gradient in W's (K, m) layout
        b_t.sub_(LR * G.sum(dim=0))
        return loss.item()

    # torch, nn.Linear + F.cross_entropy + SGD (autograd)
    linear = torch.nn.Linear(m, K, dtype=tdtype)
    torch.nn.init.zeros_(linear.weight)
    torch.nn.init.zeros_(linear.bias)
    optimizer = torch.optim.SGD(linear.parameters(), lr=LR)

    def torch_nn():
        loss = F.cross_entropy(linear(Xt), yt)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    W_tf, G_tf = torch.from_numpy(np.ascontiguousarray(W_floor.T)), torch.from_numpy(G_floor)

    def torch_floor():  # the two products in nn.Linear's layout, as torch_manual calls them
        return Xt @ W_tf.T, G_tf.T @ Xt

    return {
        FLOOR: floor,
        FLOOR_ORIENTED: floor_oriented,
        OURS: ours,
        TORCH_MANUAL: torch_manual,
        TORCH_NN: torch_nn,
        TORCH_FLOOR: torch_floor,
    }


def memory_bandwidth(nbytes: int = 256 * 2**20, rounds: int = 5) -> dict[str, float]:
    """Read and copy bandwidth (bytes/s) of this machine on an array far larger than the caches:
    best of ``rounds`` ``np.sum`` (one read) and ``np.copyto`` (one read + one write)."""
    a = np.ones(nbytes // 8)
    b = np.empty_like(a)
    reads, copies = [], []
    for _ in range(rounds + 1):  # the first of each is a warm-up
        start = time.perf_counter()
        a.sum()
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        np.copyto(b, a)
        copies.append(time.perf_counter() - start)
    return {
        "array_bytes": float(a.nbytes),
        "read_bytes_per_s": a.nbytes / min(reads[1:]),
        "copy_bytes_per_s": 2 * a.nbytes / min(copies[1:]),
    }


def run(
    n: int = 4000,
    dtypes: tuple[str, ...] = ("float64", "float32"),
    threads: tuple[int, ...] = (1, 2),
    rounds: int = 60,
    warmup: int = 3,
    bandwidth: dict[str, float] | None = None,
) -> dict[str, object]:
    """Time every contender per (dtype, threads); ratios to the numpy floor in the same round."""
    if bandwidth is None:
        bandwidth = memory_bandwidth()
    results = []
    for dtype in dtypes:
        X, y = mnist_matrix(n, dtype)
        for t in threads:
            with thread_limit(t):
                timings = round_robin(contenders(X, y), rounds, warmup, reference=FLOOR)
            floor = timings[FLOOR].median
            memory_bound = 2 * X.nbytes / bandwidth["read_bytes_per_s"]
            results.append({
                "dtype": dtype,
                "threads": t,
                "shape": list(X.shape),
                "memory_bound_s": memory_bound,
                "floor_over_memory_bound": floor / memory_bound,
                # two products of 2*n*m*K flops each
                "floor_gflops": 4 * X.shape[0] * X.shape[1] * K / floor / 1e9,
                "contenders": {name: tm.as_dict() for name, tm in timings.items()},
                # < 1 means ours is faster than torch's nn.Linear epoch (median per round)
                "ours_over_torch_nn": paired_ratio(timings[OURS], timings[TORCH_NN]),
            })
    return {"n": n, "n_classes": K, "lr": LR, "bandwidth": bandwidth, "results": results}
