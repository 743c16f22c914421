"""One helper that makes every run of a notebook print the same numbers."""

from __future__ import annotations

import os
import random

import numpy as np

__all__ = ["seed_everything", "DEFAULT_THREADS"]

#: torch's intra-op thread count unless the LOGREG_THREADS environment variable says otherwise.
DEFAULT_THREADS = 1


def seed_everything(seed: int = 123, threads: int | None = None) -> np.random.Generator:
    """Seed Python's ``random``, numpy and torch, fix the thread count of torch and of
    numpy's BLAS, and return a fresh ``numpy.random.Generator`` seeded with ``seed``.

    ``threads`` defaults to the ``LOGREG_THREADS`` environment variable, else 1 (on a
    busy 2-core laptop, BLAS threads make the notebooks' small matrix products ~10x slower). The
    test suite re-executes the notebooks at 1 and at 2 threads and expects identical
    output, so nothing printed may depend on it.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**32:
        raise ValueError(f"seed must be a non-negative integer below 2**32, got {seed!r}")
    if threads is None:
        env = os.environ.get("LOGREG_THREADS", str(DEFAULT_THREADS))
        if not env.strip().isdigit():
            raise ValueError(f"LOGREG_THREADS must be a positive integer, got {env!r}")
        threads = int(env)
    if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or threads < 1:
        raise ValueError(f"threads must be a positive integer, got {threads!r}")
    import torch
    from threadpoolctl import threadpool_limits

    seed, threads = int(seed), int(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    threadpool_limits(limits=threads)  # numpy's BLAS (OpenBLAS, MKL, ...) and OpenMP pools
    return np.random.default_rng(seed)
