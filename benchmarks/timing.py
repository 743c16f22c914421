"""Round-robin timing and the machine record.

On a shared machine the load changes from second to second. Timing contender A for a
while and then contender B lets that drift into the comparison. Here every *round* runs
each contender once, in a freshly shuffled order, so neighbouring measurements share the
load; a ratio is the median over rounds of (contender time / reference time) in the same
round, and each time is the median over rounds.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

__all__ = ["Timing", "round_robin", "paired_ratio", "thread_limit", "torch_blas", "machine_info"]


@dataclass
class Timing:
    """Wall-clock samples of one contender, in seconds, one per round."""

    samples: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)  # to the reference, same round
    cpu_samples: list[float] = field(default_factory=list)  # process CPU time, all threads
    cpu_ratios: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def best(self) -> float:
        return min(self.samples)

    @property
    def ratio(self) -> float:
        """Median over rounds of this contender's time / the reference's time (nan if none)."""
        return statistics.median(self.ratios) if self.ratios else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_samples)

    @property
    def cpu_ratio(self) -> float:
        """Like :attr:`ratio`, in process CPU time (less sensitive to other processes)."""
        return statistics.median(self.cpu_ratios) if self.cpu_ratios else float("nan")


def round_robin(
    contenders: dict[str, Callable[[], object]],
    rounds: int,
    warmup: int = 2,
    reference: str | None = None,
    seed: int = 0,
    number: dict[str, int] | None = None,
) -> dict[str, Timing]:
    """Time each zero-argument callable ``rounds`` times, interleaved.

    Every contender first runs ``warmup`` times (untimed). Then each round calls every
    contender once (``number[name]`` times back to back for a fast one, whose sample is
    then the mean per call), in an order shuffled with ``random.Random(seed)``. With
    ``reference`` given, each contender's ratio to it is taken round by round.
    """
    number = number or {}
    if rounds < 1:
        raise ValueError(f"rounds must be >= 1, got {rounds}")
    if reference is not None and reference not in contenders:
        raise ValueError(f"reference {reference!r} is not one of {sorted(contenders)}")
    order = list(contenders)
    for _ in range(warmup):
        for name in order:
            contenders[name]()
    timings = {name: Timing() for name in order}
    shuffle = random.Random(seed).shuffle
    for _ in range(rounds):
        shuffle(order)
        wall, cpu = {}, {}
        for name in order:
            calls = number.get(name, 1)
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(calls):
                contenders[name]()
            wall[name] = (time.perf_counter() - start) / calls
            cpu[name] = (time.process_time() - start_cpu) / calls
        for name in order:
            timings[name].samples.append(wall[name])
            timings[name].cpu_samples.append(cpu[name])
            if reference is not None:
                timings[name].ratios.append(wall[name] / wall[reference])
                timings[name].cpu_ratios.append(cpu[name] / max(cpu[reference], 1e-9))
    return timings


def paired_ratio(a: Timing, b: Timing, cpu: bool = False) -> float:
    """Median over rounds of a's time / b's time, both from the same :func:`round_robin` call
    (in process CPU time if ``cpu``)."""
    pairs = zip(*((t.cpu_samples if cpu else t.samples) for t in (a, b)), strict=True)
    return statistics.median(x / max(y, 1e-9) for x, y in pairs)


@contextmanager
def thread_limit(threads: int):
    """Run numpy's BLAS, OpenMP and torch's intra-op pool at ``threads`` threads."""
    import threadpoolctl
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        with threadpoolctl.threadpool_limits(limits=threads):
            yield
    finally:
        torch.set_num_threads(before)


def torch_blas() -> str:
    """torch's BLAS and CPU code path as ``torch.__config__.show()`` reports them, e.g.
    "Intel(R) oneAPI Math Kernel Library Version 2024.2...; CPU capability usage: AVX512"."""
    import torch

    config = torch.__config__.show()
    lines = [line.strip(" -") for line in config.splitlines()
             if "Math Kernel Library" in line or "CPU capability" in line]
    blas = next((part.split("=", 1)[1] for part in config.replace(",", " ").split()
                 if part.startswith("BLAS_INFO=")), "unknown")
    return "; ".join(lines) or f"BLAS_INFO={blas}"


def machine_info() -> dict[str, object]:
    """Cores, load, CPU model, BLAS libraries and threads, versions, OpenBLAS overrides."""
    import numpy as np
    import threadpoolctl
    import torch

    cpu = platform.processor() or platform.machine()
    try:  # the first processor's entries; a virtual machine may shorten its model name
        with open("/proc/cpuinfo") as f:
            first = dict(line.split(":", 1) for line in f.read().split("\n\n")[0].splitlines()
                         if ":" in line)
        first = {k.strip(): v.strip() for k, v in first.items()}
        flags = first.get("flags", "").split()
        cpu = (f"{first.get('model name', cpu)} ({first.get('vendor_id', '?')} family "
               f"{first.get('cpu family', '?')} model {first.get('model', '?')}"
               + (", AVX-512" if "avx512f" in flags else ", AVX2" if "avx2" in flags else "") + ")")
    except OSError:
        pass
    blas = [
        {k: info.get(k) for k in ("internal_api", "prefix", "version", "architecture",
                                  "threading_layer", "num_threads")}
        for info in threadpoolctl.threadpool_info()
    ]
    env_names = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
                 "OMP_NUM_THREADS", "MKL_NUM_THREADS", "LOGREG_THREADS")
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "torch_blas": torch_blas(),
        "threadpools": blas,
        "env": {name: os.environ.get(name) for name in env_names},
    }
