"""One full-batch epoch of softmax regression on the MNIST subset, against its floor.

An epoch of full-batch softmax regression must compute the logits ``Z = X @ W`` and the
weight gradient ``X.T @ G`` with ``G = (P - Y)/n``: two passes over ``X`` (n x m) against
an m x K or n x K matrix. Those two products are the *floor*; everything else (bias,
softmax, loss, update) is overhead.

The floor is the fastest way *this machine* computes each product. Every way of
``logreg.blas.WAYS`` (numpy's BLAS and torch's, through zero-copy ``torch.from_numpy``,
each in both orientations) is timed on each layout an epoch is free to choose: ``W`` stored
m x K or, as ``nn.Linear`` stores it, K x m; ``G`` row- or column-major. The fastest
``X @ W`` and the fastest ``X.T @ G`` (medians) make the floor, and every ratio is taken
against their sum in the same round. numpy's plain ``X @ W + X.T @ G`` (the floor of earlier
versions) and the memory bound (reads of ``X`` at this machine's read bandwidth, from
``np.sum`` over 256 MB) are reported beside it. Epochs:

* ``logreg partial_fit``: one more epoch of ``logreg.models.SoftmaxRegression`` through its
  public API, which validates ``X`` on every call: one ``np.isfinite`` pass over ``X``, also
  timed alone, so that its own minimum is the floor plus that pass;
* ``logreg fit, per epoch``: ``(fit(epochs=11) - fit(epochs=1)) / 10`` from the same round,
  the epochs ``fit`` runs after validating once;
* ``torch manual``: the same computation written with torch tensors (no autograd), ``W``
  stored K x m as ``nn.Linear`` stores it;
* ``torch nn.Linear``: ``nn.Linear`` + ``F.cross_entropy`` + ``optim.SGD`` (autograd).

Every torch tensor shares memory with the numpy array (``torch.from_numpy``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from .timing import Timing, paired_ratio, round_robin, thread_limit

__all__ = ["mnist_matrix", "products", "epochs", "memory_bandwidth", "run"]

LR = 0.1
K = 10
FIT_EPOCHS = 11  # the fit row: (fit(FIT_EPOCHS) - fit(1)) / (FIT_EPOCHS - 1)
Z_PRODUCT, G_PRODUCT = "X @ W", "X.T @ G"

FLOOR = "floor: fastest X @ W + fastest X.T @ G"
NUMPY_FLOOR = "numpy X @ W + X.T @ G (the former floor)"
OURS = "logreg partial_fit"
OURS_FIT = f"logreg fit, per epoch ((fit {FIT_EPOCHS} − fit 1)/{FIT_EPOCHS - 1})"
FINITE = "np.isfinite pass over X (partial_fit's check)"
TORCH_MANUAL = "torch manual gradients (W as K×m)"
TORCH_NN = "torch nn.Linear + cross_entropy + SGD"
_FIT_1, _FIT_N = "logreg fit(epochs=1)", f"logreg fit(epochs={FIT_EPOCHS})"


def mnist_matrix(n: int = 4000, dtype: str = "float64") -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` images of ``logreg.data.load_mnist_subset()`` as an (n, 784) C-contiguous
    matrix scaled to [0, 1] in ``dtype``, and their labels (int64)."""
    from logreg.data import load_mnist_subset

    images, labels = load_mnist_subset()
    X = (images[:n].reshape(n, -1) / 255.0).astype(dtype)
    return np.ascontiguousarray(X), labels[:n]


def products(X: np.ndarray) -> dict[str, tuple[str, Callable[[], object]]]:
    """``name -> (product, callable)``: every way of ``logreg.blas.WAYS`` on every layout, for
    ``X @ W`` and ``X.T @ G`` with a ``W`` and a ``G`` of an epoch's shapes and scales."""
    from logreg.blas import WAYS

    n, m = X.shape
    rng = np.random.default_rng(0)
    W = rng.normal(scale=0.01, size=(m, K)).astype(X.dtype)
    G = rng.normal(scale=1e-4, size=(n, K)).astype(X.dtype)
    operands = {
        Z_PRODUCT: (X, {"W m×K": W, "W K×m (nn.Linear's)": np.ascontiguousarray(W.T).T}),
        G_PRODUCT: (X.T, {"G row-major": G, "G column-major": np.asfortranarray(G)}),
    }
    out = {}
    for product, (A, layouts) in operands.items():
        for layout, B in layouts.items():
            for way_name, way in WAYS.items():
                out[f"{product}: {way_name}, {layout}"] = (product, lambda way=way, A=A, B=B: way(A, B))
    return out


def epochs(X: np.ndarray, y: np.ndarray) -> dict[str, Callable[[], object]]:
    """Zero-argument callables, each one epoch (or, for the fit row, a whole fit)."""
    import torch
    import torch.nn.functional as F

    from logreg.models import SoftmaxRegression

    n, m = X.shape
    tdtype = {np.dtype("float64"): torch.float64, np.dtype("float32"): torch.float32}[X.dtype]

    # ours: one more epoch, through the public API
    model = SoftmaxRegression(lr=LR, epochs=1, n_classes=K)
    fit_1 = SoftmaxRegression(lr=LR, epochs=1, n_classes=K)
    fit_n = SoftmaxRegression(lr=LR, epochs=FIT_EPOCHS, n_classes=K)

    # torch, manual gradients (no autograd), on the same memory, W stored (K, m) as nn.Linear
    # stores it
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

    return {
        OURS: lambda: model.partial_fit(X, y),
        _FIT_1: lambda: fit_1.fit(X, y),
        _FIT_N: lambda: fit_n.fit(X, y),
        FINITE: lambda: np.isfinite(X).all(),
        TORCH_MANUAL: torch_manual,
        TORCH_NN: torch_nn,
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


def _per_round(f: Callable[..., float], *timings: Timing) -> Timing:
    """A timing whose sample in each round is ``f`` of the given timings' samples in that round."""
    return Timing(samples=[f(*s) for s in zip(*(t.samples for t in timings), strict=True)],
                  cpu_samples=[f(*s) for s in zip(*(t.cpu_samples for t in timings), strict=True)])


def _summary(t: Timing, floor: Timing) -> dict[str, float | int]:
    return {
        "median_s": t.median,
        "min_s": t.best,
        "cpu_median_s": t.cpu_median,
        "rounds": len(t.samples),
        "ratio_to_floor": paired_ratio(t, floor),
        "cpu_ratio_to_floor": paired_ratio(t, floor, cpu=True),
    }


def run(
    n: int = 4000,
    dtypes: tuple[str, ...] = ("float64", "float32"),
    threads: tuple[int, ...] = (1, 2),
    rounds: int = 40,
    warmup: int = 3,
    bandwidth: dict[str, float] | None = None,
) -> dict[str, object]:
    """Time every product and epoch per (dtype, threads), interleaved; ratios to the fastest
    floor in the same round."""
    from logreg.blas import chosen

    if bandwidth is None:
        bandwidth = memory_bandwidth()
    results = []
    for dtype in dtypes:
        X, y = mnist_matrix(n, dtype)
        m = X.shape[1]
        ways = products(X)
        for t in threads:
            with thread_limit(t):
                timings = round_robin({name: f for name, (_, f) in ways.items()} | epochs(X, y),
                                      rounds, warmup)
            fastest = {
                product: min((name for name, (p, _) in ways.items() if p == product),
                             key=lambda name: timings[name].median)
                for product in (Z_PRODUCT, G_PRODUCT)
            }
            floor = _per_round(lambda z, g: z + g, *(timings[fastest[p]] for p in fastest))
            derived = {
                OURS_FIT: _per_round(lambda fit_n, fit_1: (fit_n - fit_1) / (FIT_EPOCHS - 1),
                                     timings[_FIT_N], timings[_FIT_1]),
                NUMPY_FLOOR: _per_round(lambda z, g: z + g, timings[f"{Z_PRODUCT}: numpy, W m×K"],
                                        timings[f"{G_PRODUCT}: numpy, G row-major"]),
            }
            # partial_fit must also read all of X once to check it: its own minimum
            floor_and_check = _per_round(lambda f, c: f + c, floor, timings[FINITE])
            read_x = X.nbytes / bandwidth["read_bytes_per_s"]
            # a product too small to be worth timing runs numpy's own A @ B
            ours_ways = {Z_PRODUCT: chosen().get((X.shape, (m, K), dtype), "numpy"),
                         G_PRODUCT: chosen().get((X.T.shape, (n, K), dtype), "numpy")}
            results.append({
                "dtype": dtype,
                "threads": t,
                "shape": list(X.shape),
                "memory_bound_s": 2 * read_x,  # each product reads X at least once
                "logreg_ways": ours_ways,  # how logreg.blas computes each product
                "floor": dict(_summary(floor, floor), ways=fastest,
                              over_memory_bound=floor.median / (2 * read_x),
                              gflops=4 * X.size * K / floor.median / 1e9),  # 2 n m K flops each
                "products": {name: dict(_summary(timings[name], floor), product=product,
                                        over_memory_bound=timings[name].median / read_x)
                             for name, (product, _) in ways.items()},
                "epochs": {name: _summary(tm, floor) for name, tm in (
                    (NUMPY_FLOOR, derived[NUMPY_FLOOR]), (OURS, timings[OURS]),
                    (OURS_FIT, derived[OURS_FIT]), (FINITE, timings[FINITE]),
                    (TORCH_MANUAL, timings[TORCH_MANUAL]), (TORCH_NN, timings[TORCH_NN]))},
                "partial_fit_over_floor_and_check": {
                    "wall": paired_ratio(timings[OURS], floor_and_check),
                    "cpu": paired_ratio(timings[OURS], floor_and_check, cpu=True),
                },
                # < 1: ours is faster than torch's nn.Linear epoch (median of per-round ratios)
                "ours_over_torch_nn": {
                    OURS: paired_ratio(timings[OURS], timings[TORCH_NN]),
                    OURS_FIT: paired_ratio(derived[OURS_FIT], timings[TORCH_NN]),
                },
            })
    return {"n": n, "n_classes": K, "lr": LR, "bandwidth": bandwidth, "results": results}
