"""One helper that makes every run of a notebook print the same numbers."""

from __future__ import annotations

import os
import random

import numpy as np

__all__ = ["seed_everything", "DEFAULT_THREADS"]

#: torch's intra-op thread count unless the LOGREG_THREADS environment variable says otherwise.
DEFAULT_THREADS = 1


def seed_everything(seed: int = 123, threads: int | None = None) -> np.random.Generator:
    """Seed Python's ``random``, numpy and torch, fix torch's thread count, and return
    a fresh ``numpy.random.Generator`` seeded with ``seed``.

    ``threads`` defaults to the ``LOGREG_THREADS`` environment variable, else 1. The
    test suite re-executes the notebooks at 1 and at 2 threads and expects identical
    output, so nothing printed may depend on it.
    """
    if not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    if threads is None:
        threads = int(os.environ.get("LOGREG_THREADS", DEFAULT_THREADS))
    if not isinstance(threads, (int, np.integer)) or threads < 1:
        raise ValueError(f"threads must be a positive integer, got {threads!r}")
    import torch

    random.seed(int(seed))
    np.random.seed(int(seed))
    torch.manual_seed(int(seed))
    torch.set_num_threads(int(threads))
    return np.random.default_rng(int(seed))
