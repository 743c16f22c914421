"""The suite itself: execution time of each notebook and of the strict nbval run.

Each notebook is executed with nbclient as ``tools/execute_notebooks.py`` does (kernel
``python3``, cwd = ``notebooks/``, ``record_timing=False``), but nothing is written back:
the executed copy is discarded. The strict nbval run is ``python -m pytest notebooks -q``
in a subprocess, with ``PYTHONHASHSEED=0`` as in CI; its wall time includes pytest's start.
Each is a single run (they take seconds to minutes), so these numbers are noisier than
the medians of the other benchmarks.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["ROOT", "time_notebook", "time_nbval", "parse_pytest_summary", "run"]

ROOT = Path(__file__).resolve().parents[1]


def time_notebook(ipynb: Path, timeout: int = 600) -> dict[str, object]:
    """Execute ``ipynb`` in memory; return its wall time and whether it ran without error."""
    import nbformat

    from tools.execute_notebooks import notebook_client

    nb = nbformat.read(ipynb, as_version=4)
    client = notebook_client(nb, ipynb.parent, timeout)
    start = time.perf_counter()
    error = None
    try:  # the kernel's own log lines (ipykernel's TCP notice) would clutter the table
        client.execute(stderr=subprocess.DEVNULL)
    except Exception as exc:  # a broken notebook is a result to report, not a crash
        error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1][:200]}"
    return {
        "notebook": ipynb.name,
        "seconds": time.perf_counter() - start,
        "cells": sum(cell.cell_type == "code" for cell in nb.cells),
        "ok": error is None,
        "error": error,
    }


def parse_pytest_summary(output: str) -> dict[str, int]:
    """Counts from pytest's closing line, e.g. '12 passed, 1 failed in 3.2s'."""
    lines = [line for line in output.strip().splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return {word: int(count) for count, word in re.findall(r"(\d+) (\w+)", last)
            if word in {"passed", "failed", "error", "errors", "skipped", "xfailed", "xpassed"}}


def time_nbval(paths: list[str] | None = None, timeout: int = 900) -> dict[str, object]:
    """Run strict nbval (``python -m pytest notebooks -q``, pyproject's addopts) and time it."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = [sys.executable, "-m", "pytest", *(paths or ["notebooks"]), "-q"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)
    seconds = time.perf_counter() - start
    return {
        "command": "python -m pytest " + " ".join(cmd[3:]),
        "seconds": seconds,
        "returncode": proc.returncode,
        "counts": parse_pytest_summary(proc.stdout),
    }


def run(notebooks: list[Path] | None = None, nbval: bool = True) -> dict[str, object]:
    from tools import manifest

    notebooks = notebooks if notebooks is not None else manifest.notebooks()
    rows = [time_notebook(path) for path in notebooks]
    return {
        "notebooks": rows,
        "notebooks_total_s": sum(row["seconds"] for row in rows),
        "nbval": time_nbval() if nbval else None,
    }
