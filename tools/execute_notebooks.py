"""Sync each notebook with its paired .py, execute it, and store it with its outputs.

    python tools/execute_notebooks.py                  # every notebook in notebooks/
    python tools/execute_notebooks.py notebooks/03_logistic_regression.py

Edit either file of a pair: `jupytext --sync` first carries the newer one over to the
other. Before a stored .ipynb is overwritten, its previous version is copied to
build/backups/, so a notebook edited in JupyterLab always has a way back.
The kernel is this interpreter (jupyter_client maps "python" to sys.executable).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

ROOT = Path(__file__).resolve().parents[1]
BACKUPS = ROOT / "build" / "backups"


def notebook_client(nb: nbformat.NotebookNode, folder: Path, timeout: int = 120) -> NotebookClient:
    """A client that runs ``nb`` as the notebooks are run everywhere here: kernel ``python3``
    (this interpreter), cwd ``folder``, no timing metadata (re-execution is byte-stable)."""
    return NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        record_timing=False,
    )


def execute(ipynb: Path, timeout: int = 120) -> float:
    """Execute ``ipynb`` in place (after a backup); return the wall time in seconds."""
    before = ipynb.read_bytes()
    subprocess.run([sys.executable, "-m", "jupytext", "--sync", "--quiet", str(ipynb)], check=True)
    nb = nbformat.read(ipynb, as_version=4)
    start = time.perf_counter()
    notebook_client(nb, ipynb.parent, timeout).execute()
    seconds = time.perf_counter() - start
    # A busy machine may split one printed line into several stream outputs: merge them,
    # so re-executing an unchanged notebook stores the same bytes.
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    after = nbformat.writes(nb) + "\n"
    if after.encode() != before:
        BACKUPS.mkdir(parents=True, exist_ok=True)
        backup = BACKUPS / f"{ipynb.stem}.{time.strftime('%Y%m%d-%H%M%S')}.ipynb"
        backup.write_bytes(before)
        ipynb.write_text(after)
        print(f"  previous version saved as {backup.relative_to(ROOT)}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (.ipynb or paired .py)")
    args = parser.parse_args()
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        ipynb = path.with_suffix(".ipynb")
        if not ipynb.exists():
            subprocess.run([sys.executable, "-m", "jupytext", "--quiet", "--set-formats",
                            "ipynb,py:percent", str(path)], check=True)
        print(f"{ipynb.name}: {execute(ipynb):.1f} s")


if __name__ == "__main__":
    main()
