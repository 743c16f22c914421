"""Sync each notebook with its paired .py, execute it, and store it with its outputs.

    python tools/execute_notebooks.py                  # every notebook in notebooks/
    python tools/execute_notebooks.py notebooks/03_logistic_regression.py

Edit either file of a pair: `jupytext --sync` first carries the newer one over to the
other. Whenever a run changes either file of a pair, the previous version of that file is
copied to build/backups/ first, so an edit (in JupyterLab or in an editor) always has a way
back. `--sync-only` syncs the pairs without executing (`make sync`).
The kernel is this interpreter (jupyter_client maps "python" to sys.executable).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
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


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def stable_widget_ids(nb: nbformat.NotebookNode, stem: str) -> str:
    """``nb`` as JSON text, with the random ids of its saved widget models (ipywidgets draws a
    uuid4 per model, and saves them in no fixed order) replaced by ids derived from the
    notebook's name and each model's place in a walk from the displayed widgets: the stored
    state still restores, and re-executing an unchanged notebook changes no byte."""
    saved = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    state = saved.get("state", {})
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in state and model_id not in order:
            order.append(model_id)
            for key in sorted(state[model_id]["state"]):
                for ref in re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(state[model_id]["state"][key])):
                    visit(ref)

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            visit(output.get("data", {}).get(WIDGET_VIEW, {}).get("model_id", ""))
    order += sorted(set(state) - set(order))  # not displayed: no stable place (none so far)
    text = nbformat.writes(nb)
    for index, model_id in enumerate(order):
        text = text.replace(model_id, hashlib.md5(f"{stem}/{index}".encode()).hexdigest())
    nb = nbformat.reads(text, as_version=4)
    if state:  # store the models sorted by their new ids, as any JSON writer may re-sort them
        saved = nb.metadata.widgets[WIDGET_STATE]
        saved["state"] = dict(sorted(saved["state"].items()))
    return nbformat.writes(nb) + "\n"


def back_up(path: Path, previous: bytes) -> None:
    """Keep ``previous`` (the bytes ``path`` had before this run) if ``path`` changed."""
    if path.read_bytes() != previous:
        BACKUPS.mkdir(parents=True, exist_ok=True)
        backup = BACKUPS / f"{path.stem}.{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}"
        backup.write_bytes(previous)
        print(f"  previous {path.name} saved as {backup.relative_to(ROOT)}")


def sync(ipynb: Path) -> None:
    """``jupytext --sync`` the pair of ``ipynb``, backing up whichever file it rewrites."""
    pair = [ipynb, ipynb.with_suffix(".py")]
    before = {p: p.read_bytes() for p in pair if p.exists()}
    subprocess.run([sys.executable, "-m", "jupytext", "--sync", "--quiet", str(ipynb)], check=True)
    for path, previous in before.items():
        back_up(path, previous)


def execute(ipynb: Path, timeout: int = 120) -> float:
    """Sync and execute ``ipynb`` in place (backing up what changes); return the wall time."""
    sync(ipynb)
    before = ipynb.read_bytes()
    nb = nbformat.read(ipynb, as_version=4)
    start = time.perf_counter()
    notebook_client(nb, ipynb.parent, timeout).execute()
    seconds = time.perf_counter() - start
    # A busy machine may split one printed line into several stream outputs: merge them,
    # so re-executing an unchanged notebook stores the same bytes.
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    ipynb.write_text(stable_widget_ids(nb, ipynb.stem))
    back_up(ipynb, before)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (.ipynb or paired .py)")
    parser.add_argument("--sync-only", action="store_true", help="sync the pairs, do not execute")
    args = parser.parse_args()
    paths = args.paths or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        ipynb = path.with_suffix(".ipynb")
        if not ipynb.exists():
            subprocess.run([sys.executable, "-m", "jupytext", "--quiet", "--set-formats",
                            "ipynb,py:percent", str(path)], check=True)
        if args.sync_only:
            sync(ipynb)
        else:
            print(f"{ipynb.name}: {execute(ipynb):.1f} s")


if __name__ == "__main__":
    main()
