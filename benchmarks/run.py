"""Run every benchmark and write build/bench/results.{json,md} and plots (``make bench``).

    python -m benchmarks.run                       # everything, about 3-4 minutes
    python -m benchmarks.run --only softmax,loop   # a subset
    python -m benchmarks.run --quick               # tiny sizes: checks that it all runs
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import logistic_optimum, loop_vs_vectorized, report, softmax_epoch, suite
from .timing import machine_info

ROOT = Path(__file__).resolve().parents[1]
ALL = ("softmax", "logistic", "loop", "suite")


def run_all(only=ALL, quick: bool = False, threads: tuple[int, ...] | None = None) -> dict:
    """Run the chosen benchmarks; ``quick`` uses tiny sizes and few rounds."""
    import os

    start = time.perf_counter()
    if threads is None:
        threads = (1,) if quick else tuple(sorted({1, os.cpu_count() or 1}))
    results: dict[str, object] = {"machine": machine_info(), "quick": quick}
    if "softmax" in only:
        print("softmax epoch ...", file=sys.stderr, flush=True)
        results["softmax_epoch"] = (
            softmax_epoch.run(n=200, threads=threads, rounds=3, warmup=1,
                              bandwidth=softmax_epoch.memory_bandwidth(2**22, rounds=1))
            if quick else softmax_epoch.run(threads=threads)
        )
    if "logistic" in only:
        print("logistic regression to the optimum ...", file=sys.stderr, flush=True)
        results["logistic_optimum"] = (
            logistic_optimum.run(n=300, rounds=2, warmup=1, max_epochs=2000)
            if quick else logistic_optimum.run()
        )
    if "loop" in only:
        print("loop vs vectorized ...", file=sys.stderr, flush=True)
        results["loop_vs_vectorized"] = (
            loop_vs_vectorized.run(sizes=(10, 100), rounds={10: 3, 100: 3})
            if quick else loop_vs_vectorized.run()
        )
    if "suite" in only:
        print("the suite: notebooks and strict nbval ...", file=sys.stderr, flush=True)
        results["suite"] = suite.run()
    results["elapsed_s"] = time.perf_counter() - start
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--only", default=",".join(ALL), help=f"comma-separated, of {ALL}")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, few rounds")
    parser.add_argument("--threads", help="thread counts for the softmax epoch, e.g. 1,2")
    args = parser.parse_args(argv)
    only = tuple(args.only.split(","))
    unknown = set(only) - set(ALL)
    if unknown:
        parser.error(f"unknown benchmark(s) {sorted(unknown)}; choose from {ALL}")
    threads = tuple(int(t) for t in args.threads.split(",")) if args.threads else None
    results = run_all(only, quick=args.quick, threads=threads)
    paths = report.write(results, args.out)
    print(paths["md"].read_text())
    print("wrote " + ", ".join(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p)
                               for p in paths.values()))


if __name__ == "__main__":
    main()
