"""``A @ B`` computed the way this machine computes it fastest.

numpy and torch each bring their own BLAS (OpenBLAS, MKL, ...). For the skinny products of a
linear model, an n x m matrix times an m x K one with K small, which library is faster, and
in which orientation (``A @ B`` or ``(B.T @ A.T).T``, the same sums), depends on the CPU, the
BLAS kernel and the dtype, by up to 2x per product. So the first large product of each shape,
memory layout and dtype times the ways in :data:`WAYS` and keeps the fastest for the rest of
the process. The ways differ only in rounding (the order of the sums); numpy's own ``A @ B``
is kept unless another way is clearly faster, so that near-ties do not flip between runs.

The library is chosen once per dtype, by the first product timed: with more than one thread,
products that alternate between two libraries' thread pools wait for each other's idle,
spinning threads (an epoch that did took 2 to 6 times longer at 2 threads). torch's ways are
candidates only once something has imported torch (importing it takes seconds, more than it
can save) and only on arrays it can share without a copy.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np

__all__ = ["matmul", "WAYS", "chosen"]

Product = Callable[[np.ndarray, np.ndarray], np.ndarray]

#: below this many multiply-adds a product takes microseconds: plain ``A @ B``, nothing timed
MIN_WORK = 1_000_000
#: another way must beat numpy's own ``A @ B`` by this factor to be chosen
MARGIN = 1.05
ROUNDS = 3


def _numpy(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    return A @ B


def _numpy_transposed(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    return (B.T @ A.T).T


def _torch(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    from_numpy = sys.modules["torch"].from_numpy  # zero-copy: the tensors share the arrays
    return (from_numpy(A) @ from_numpy(B)).numpy()


def _torch_transposed(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    from_numpy = sys.modules["torch"].from_numpy
    return (from_numpy(B).T @ from_numpy(A).T).numpy().T


#: the ways of computing ``A @ B`` that are timed, numpy's own first; "transposed" computes
#: ``(B.T @ A.T).T``
WAYS: dict[str, Product] = {
    "numpy": _numpy,
    "numpy, transposed": _numpy_transposed,
    "torch": _torch,
    "torch, transposed": _torch_transposed,
}

_chosen: dict[tuple, Product] = {}
_library: dict[tuple, str] = {}


def matmul(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """``A @ B`` for 2-D float arrays, by the fastest of :data:`WAYS` for their shape, layout
    and dtype (timed on first use, then remembered)."""
    if A.shape[0] * A.shape[1] * B.shape[1] < MIN_WORK:
        return A @ B
    key = (A.shape, A.strides, A.dtype, B.shape, B.strides, B.dtype, "torch" in sys.modules)
    product = _chosen.get(key)
    if product is None:
        product = _chosen[key] = fastest(A, B)
    return product(A, B)


def chosen() -> dict[tuple, str]:
    """The ways chosen so far: ``(A.shape, B.shape, dtype name) -> name`` (for reports)."""
    names = {way: name for name, way in WAYS.items()}
    return {(key[0], key[3], key[2].name): names[way] for key, way in _chosen.items()}


def candidates(A: np.ndarray, B: np.ndarray) -> dict[str, Product]:
    """The ways worth timing for ``A @ B``: torch's only if torch is imported and the arrays
    share a dtype and are writable (torch warns about sharing a read-only array)."""
    shareable = ("torch" in sys.modules and A.dtype == B.dtype
                 and A.flags.writeable and B.flags.writeable)
    return {name: way for name, way in WAYS.items() if shareable or not name.startswith("torch")}


def measure(A: np.ndarray, B: np.ndarray) -> dict[str, float]:
    """Seconds each of :func:`candidates` takes for ``A @ B``: the best of :data:`ROUNDS`
    interleaved runs after a warm-up. A way that cannot take these arrays is left out."""
    ways = candidates(A, B)
    times = {}
    for name, way in ways.items():
        try:
            way(A, B)
        except (TypeError, ValueError, RuntimeError):  # e.g. torch and a negative stride
            continue
        times[name] = float("inf")
    for _ in range(ROUNDS):
        for name in times:
            start = time.perf_counter()
            ways[name](A, B)
            times[name] = min(times[name], time.perf_counter() - start)
    return times


def fastest(A: np.ndarray, B: np.ndarray) -> Product:
    """The way to compute ``A @ B``: the fastest (as :func:`pick` decides) among the ways of
    the library chosen for this dtype, which the first product of the dtype chooses."""
    times = measure(A, B)
    if not times:
        return _numpy
    library = _library.setdefault((A.dtype, "torch" in sys.modules), _library_of(pick(times)))
    in_library = {name: t for name, t in times.items() if _library_of(name) == library}
    return WAYS[pick(in_library or times)]


def pick(times: dict[str, float]) -> str:
    """The name of the fastest way, but the first way's (numpy's own, or the library's own
    ``A @ B``) unless the fastest beats it by :data:`MARGIN`."""
    first, best = next(iter(times)), min(times, key=times.__getitem__)
    return first if times[first] <= MARGIN * times[best] else best


def _library_of(way: str) -> str:
    return way.split(",")[0]
