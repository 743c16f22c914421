"""Sync each notebook with its paired .py, execute it, and store it with its outputs.

    python -m tools.execute_notebooks                  # every notebook in notebooks/
    python -m tools.execute_notebooks notebooks/03_logistic_regression.py
    python -m tools.execute_notebooks --sync-only      # sync the pairs, do not execute
    python -m tools.execute_notebooks --keep py notebooks/03_logistic_regression.py

Edit either twin of a pair (the .ipynb in JupyterLab, the .py in an editor): the twin that
changed since the last sync is carried over to the other. When both changed and they now
differ, nothing is written: the tool names both files and stops, and ``--keep py`` or
``--keep ipynb`` says which one wins.

"The last sync" is the SHA-256 of both twins as this tool last wrote them or found them in
agreement, one small JSON file per pair in ``.notebook-state/synced/``. Without such a record
(a fresh clone) the committed versions stand in for it. Timestamps cannot serve: they say which
twin was saved last, not which changed since the two last agreed, and a checkout sets them
anyway. ``.notebook-state/`` is git-ignored and ``make clean`` keeps it.

Every file this tool overwrites is first copied to ``.notebook-state/backups/`` under a name
no other backup has. A notebook whose execution fails, or whose twins change while it runs,
is not written at all: both twins stay exactly as they were.
The kernel is this interpreter (jupyter_client maps "python" to sys.executable).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from jupytext.combine import combine_inputs_with_outputs
from jupytext.config import load_jupytext_config
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

from logreg.widgets import WIDGET_VIEW
from tools import manifest

ROOT = Path(__file__).resolve().parents[1]
PAIRING = "ipynb,py:percent"
PY_FORMAT = "py:percent"
TWINS = ("ipynb", "py")


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


# --- where the state lives -------------------------------------------------------------------


def state_dir(ipynb: Path) -> Path:
    """``.notebook-state/`` beside the notebooks' folder (the repository's top level)."""
    return ipynb.resolve().parent.parent / ".notebook-state"


def shown(path: Path) -> str:
    """``path`` as the user would type it: relative to the working directory when inside it."""
    path = path.resolve()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def twin(ipynb: Path, name: str) -> Path:
    """The twin ``name`` ("ipynb" or "py") of the pair of ``ipynb``."""
    return ipynb.with_suffix(f".{name}")


def read_twins(ipynb: Path) -> dict[str, bytes | None]:
    """The bytes of both twins (None for a missing one)."""
    return {name: twin(ipynb, name).read_bytes() if twin(ipynb, name).exists() else None for name in TWINS}


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` in one step: an interrupted run leaves the old file whole."""
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as tmp:
        tmp.write(data)
    os.replace(tmp.name, path)


def back_up(path: Path) -> Path:
    """Copy ``path`` to the backups folder under a name no earlier backup has (nanoseconds,
    then a counter if two copies still collide); return the copy."""
    folder = state_dir(path) / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time_ns()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now // 10**9)) + f".{now % 10**9:09d}"
    data = path.read_bytes()
    for n in itertools.count():
        backup = folder / f"{path.stem}.{stamp}{f'-{n}' if n else ''}{path.suffix}"
        try:
            with open(backup, "xb") as file:  # "x": never overwrite another backup
                file.write(data)
            return backup
        except FileExistsError:
            continue
    raise AssertionError("unreachable")


# --- the last sync ---------------------------------------------------------------------------


def _record(ipynb: Path) -> Path:
    return state_dir(ipynb) / "synced" / f"{ipynb.stem}.json"


def _committed(path: Path) -> bytes | None:
    """``path`` as committed (git HEAD), or None outside git or if it was never committed."""
    try:
        return subprocess.run(["git", "-C", str(path.parent), "show", f"HEAD:./{path.name}"],
                              capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def last_sync(ipynb: Path) -> dict[str, str] | None:
    """The SHA-256 of both twins at the last sync; the committed versions' if no sync was
    recorded; None if neither is known."""
    record = _record(ipynb)
    if record.exists():
        return json.loads(record.read_text())
    committed = {name: _committed(twin(ipynb, name)) for name in TWINS}
    if None in committed.values():
        return None
    return {name: digest(data) for name, data in committed.items()}


def record_sync(ipynb: Path) -> None:
    """Remember both twins as they are now: the next sync compares against them."""
    record = _record(ipynb)
    record.parent.mkdir(parents=True, exist_ok=True)
    hashes = {name: digest(data) for name, data in read_twins(ipynb).items()}
    write_atomically(record, (json.dumps(hashes, indent=1) + "\n").encode())


# --- planning a sync: which twin wins, decided before anything is written ----------------------


class SyncConflict(Exception):
    """Both twins of a pair changed since the last sync and now differ."""


@dataclass
class Plan:
    """What a sync of one pair will store: ``nb`` (inputs from the winning twin, outputs from
    the .ipynb), and the bytes both twins had when the plan was made (None: missing)."""

    ipynb: Path
    nb: nbformat.NotebookNode
    source: str
    read: dict[str, bytes | None]


def render_py(nb: nbformat.NotebookNode, ipynb: Path) -> str:
    """The .py twin jupytext writes for ``nb`` (with the jupytext.toml that applies)."""
    return jupytext.writes(nb, fmt=PY_FORMAT, config=load_jupytext_config(str(ipynb.parent.resolve())))


def conflict_message(ipynb: Path, why: str) -> str:
    py, name = shown(twin(ipynb, "py")), shown(ipynb)
    return (
        f"{name} and {py} differ, and {why}. Nothing was written.\n"
        f"Keep one; the other is backed up to {shown(state_dir(ipynb) / 'backups')}/ and then "
        f"overwritten:\n"
        f"  make sync NB={py} KEEP=py       # keep the .py (the editor's version)\n"
        f"  make sync NB={py} KEEP=ipynb    # keep the .ipynb (JupyterLab's version)\n"
        f"(or: python -m tools.execute_notebooks --sync-only --keep py|ipynb {py}).\n"
        f"To keep edits from both, copy one's into the other first, then keep that one."
    )


def _sorted_keys(value):
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    return [_sorted_keys(v) for v in value] if isinstance(value, list) else value


def agree(ipynb: Path, nb: nbformat.NotebookNode, py_text: str) -> bool:
    """Whether the .py twin holds the same cells, with the same metadata, as ``nb``: both are
    rendered as jupytext would write them, with metadata keys in one order (a .py keeps the
    order its cells' metadata was written in, an .ipynb sorts it)."""
    config = load_jupytext_config(str(ipynb.parent.resolve()))
    texts = []
    for notebook in (nb, jupytext.reads(py_text, fmt=PY_FORMAT, config=config)):
        notebook = copy.deepcopy(notebook)
        notebook.metadata = _sorted_keys(notebook.metadata)
        for cell in notebook.cells:
            cell.metadata = _sorted_keys(cell.metadata)
        texts.append(render_py(notebook, ipynb))
    return texts[0] == texts[1]


def choose_source(ipynb: Path, nb: nbformat.NotebookNode, read: dict[str, bytes | None]) -> str:
    """The twin whose inputs the pair takes: the one that changed since the last sync.
    Raises SyncConflict when that is not exactly one of them."""
    if agree(ipynb, nb, read["py"].decode()):
        return "ipynb"  # nothing to carry over
    base = last_sync(ipynb)
    if base is None:
        raise SyncConflict(conflict_message(
            ipynb, f"there is no record of their last sync (none in "
            f"{shown(_record(ipynb).parent)}/, and they are not committed)"))
    changed = [name for name in TWINS if base[name] != digest(read[name])]
    if len(changed) == 1:
        return changed[0]
    why = ("both were edited since their last sync" if changed else
           "neither matches what was recorded at their last sync")
    raise SyncConflict(conflict_message(ipynb, why))


def plan(ipynb: Path, keep: str | None = None) -> Plan:
    """Decide how to sync the pair of ``ipynb``; ``keep`` ("py" or "ipynb") overrides the
    choice. Raises SyncConflict (writing nothing) when both twins changed."""
    read = read_twins(ipynb)
    if read["ipynb"] is None:  # a new notebook: its .py is all there is
        nb = jupytext.read(twin(ipynb, "py"))
        nb.metadata.setdefault("jupytext", {})["formats"] = PAIRING
        return Plan(ipynb, nb, "py", read)
    nb = nbformat.reads(read["ipynb"].decode(), as_version=4)
    if read["py"] is None:
        return Plan(ipynb, nb, "ipynb", read)
    source = keep or choose_source(ipynb, nb, read)
    if source == "py":
        config = load_jupytext_config(str(ipynb.parent.resolve()))
        nb = combine_inputs_with_outputs(jupytext.reads(read["py"].decode(), fmt=PY_FORMAT, config=config),
                                         nb, fmt=PY_FORMAT)
    return Plan(ipynb, nb, source, read)


# --- storing ----------------------------------------------------------------------------------


class ChangedMeanwhile(Exception):
    """A twin changed on disk after its sync was planned (an editor saved it meanwhile)."""


def store(p: Plan) -> None:
    """Write the twins that ``p.nb`` changes (backing up their old versions; a .py that already
    agrees stays as it is) and record the sync. Refuses, writing nothing, if either twin
    changed on disk since ``p`` was made."""
    now = read_twins(p.ipynb)
    for name in TWINS:
        if now[name] != p.read[name]:
            raise ChangedMeanwhile(f"{shown(twin(p.ipynb, name))} changed while this run used it; "
                                   f"nothing was written for this notebook: run again")
    texts = {p.ipynb: stable_widget_ids(p.nb, p.ipynb.stem)}
    if now["py"] is None or not agree(p.ipynb, p.nb, now["py"].decode()):  # else: leave it be
        texts[twin(p.ipynb, "py")] = render_py(p.nb, p.ipynb)
    for path, text in texts.items():
        if path.exists() and path.read_bytes() == text.encode():
            continue
        if path.exists():
            print(f"  previous {path.name} saved as {shown(back_up(path))}")
        write_atomically(path, text.encode())
    record_sync(p.ipynb)


def execute(p: Plan, timeout: int = 120) -> float:
    """Execute the planned notebook and store it; return the wall time. A cell that fails
    raises CellExecutionError before anything is written."""
    start = time.perf_counter()
    notebook_client(p.nb, p.ipynb.parent, timeout).execute()
    seconds = time.perf_counter() - start
    # A busy machine may split one printed line into several stream outputs: merge them,
    # so re-executing an unchanged notebook stores the same bytes.
    p.nb, _ = CoalesceStreamsPreprocessor().preprocess(p.nb, {})
    store(p)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (.ipynb or paired .py)")
    parser.add_argument("--sync-only", action="store_true", help="sync the pairs, do not execute")
    parser.add_argument("--keep", choices=TWINS,
                        help="the twin whose cells win when both changed (the other is backed up)")
    args = parser.parse_args(argv)
    paths = [p.with_suffix(".ipynb") for p in args.paths] or manifest.notebooks()
    missing = [shown(p) for p in paths if not p.exists() and not p.with_suffix(".py").exists()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    plans, conflicts = [], []
    for ipynb in paths:
        try:
            plans.append(plan(ipynb, args.keep))
        except SyncConflict as conflict:
            conflicts.append(str(conflict))
    if conflicts:  # decided before anything is written: a conflict anywhere writes nothing
        print("\n\n".join(conflicts), file=sys.stderr)
        return 1
    failed = []
    for p in plans:
        try:
            if args.sync_only:
                store(p)
            else:
                print(f"{p.ipynb.name}: {execute(p):.1f} s")
        except (CellExecutionError, CellTimeoutError, DeadKernelError, ChangedMeanwhile) as error:
            failed.append(shown(p.ipynb))
            print(f"{p.ipynb.name}: {error}\n{p.ipynb.name}: not written, both twins are as they were",
                  file=sys.stderr)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
