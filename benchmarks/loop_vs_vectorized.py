"""The HW2 neuron's gradient: the slide's per-example for-loop versus the vectorized form.

The slide (Lecture 08, "HW2 neuron") accumulates L, dL/dw1, dL/dw2 and dL/db one example
at a time and divides by n at the end; the vectorized slide writes the same sums as
``X.T @ delta`` with ``delta = -(2/n)(y - a) * sigma'(z)``. Contenders, at one thread:

* ``loop`` -- the slide's pseudo-code in plain Python on Python floats (lists, ``math.exp``);
* ``loop, numpy-indexed`` -- the same loop reading ``X[i, 0]`` from numpy arrays, as
  notebook 02 writes it (indexing a numpy array is slower than indexing a list);
* ``vectorized`` -- ``logreg.models.HW2Neuron().loss_and_gradients`` (the reference).

Both loops are checked against the vectorized gradient before they are timed.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .timing import round_robin, thread_limit

__all__ = ["slide_loop", "slide_loop_numpy", "make_contenders", "run", "SIZES"]

SIZES = (10**2, 10**3, 10**4, 10**5)
# fewer rounds where one loop call takes long (the loop at n = 1e5: about 0.1-0.5 s); the
# vectorized call runs ``VECTORIZED_CALLS`` times per round, so that it gets as many samples
ROUNDS = {10**2: 100, 10**3: 50, 10**4: 15, 10**5: 5}
VECTORIZED_CALLS = 10


def slide_loop(X, y, w, b):
    """The slide's pseudo-code, two features: loss and gradients, one example at a time."""
    n = len(X)
    loss, dL_dw1, dL_dw2, dL_db = 0.0, 0.0, 0.0, 0.0
    for i in range(n):
        z = w[0] * X[i][0] + w[1] * X[i][1] + b
        a = 1.0 / (1.0 + math.exp(-z))
        loss += (y[i] - a) ** 2
        dL_dz = -2.0 * (y[i] - a) * a * (1.0 - a)
        dL_dw1 += dL_dz * X[i][0]
        dL_dw2 += dL_dz * X[i][1]
        dL_db += dL_dz
    return loss / n, [dL_dw1 / n, dL_dw2 / n], dL_db / n


def slide_loop_numpy(X, y, w, b):
    """The same loop indexing numpy arrays element by element (notebook 02's version)."""
    n = X.shape[0]
    loss, dL_dw1, dL_dw2, dL_db = 0.0, 0.0, 0.0, 0.0
    for i in range(n):
        z = w[0] * X[i, 0] + w[1] * X[i, 1] + b
        a = 1.0 / (1.0 + math.exp(-z))
        loss += (y[i] - a) ** 2
        dL_dz = -2.0 * (y[i] - a) * a * (1.0 - a)
        dL_dw1 += dL_dz * X[i, 0]
        dL_dw2 += dL_dz * X[i, 1]
        dL_db += dL_dz
    return loss / n, np.array([dL_dw1 / n, dL_dw2 / n]), dL_db / n


def make_contenders(n: int, seed: int = 479) -> dict[str, Callable[[], object]]:
    """The three ways on ``n`` seeded examples (2 features, labels 0/1), as callables."""
    from logreg.models import HW2Neuron

    rng = np.random.default_rng(seed + n)
    X = rng.normal(size=(n, 2))
    y = rng.integers(0, 2, size=n).astype(np.float64)
    w, b = np.array([0.5, -0.25]), 0.1
    X_list, y_list, w_list = X.tolist(), y.tolist(), w.tolist()
    neuron = HW2Neuron()
    return {
        "loop": lambda: slide_loop(X_list, y_list, w_list, b),
        "loop, numpy-indexed": lambda: slide_loop_numpy(X, y, w, b),
        "vectorized": lambda: neuron.loss_and_gradients(X, y, w, np.float64(b)),
    }


def run(sizes=SIZES, rounds: dict[int, int] | None = None, seed: int = 479) -> dict[str, object]:
    rounds = rounds or ROUNDS
    rows = []
    for n in sizes:
        contenders = make_contenders(n, seed)
        expected = contenders["vectorized"]()
        for name in ("loop", "loop, numpy-indexed"):
            got = contenders[name]()
            for g, e in zip(got, expected, strict=True):
                np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-12, err_msg=name)
        with thread_limit(1):
            timings = round_robin(contenders, rounds.get(n, 3), warmup=1, reference="vectorized",
                                  number={"vectorized": VECTORIZED_CALLS})
        rows.append({
            "n": n,
            "rounds": len(timings["loop"].samples),
            "times_s": {name: t.median for name, t in timings.items()},
            "cpu_times_s": {name: t.cpu_median for name, t in timings.items()},
            # loop time / vectorized time, median over rounds
            "speedup": {name: timings[name].ratio for name in ("loop", "loop, numpy-indexed")},
            "cpu_speedup": {name: timings[name].cpu_ratio
                            for name in ("loop", "loop, numpy-indexed")},
        })
    return {"features": 2, "threads": 1, "rows": rows}
