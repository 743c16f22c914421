"""The notebooks of the collection, in lecture order: the one list that tests, tools, the
site and the benchmarks read. It is derived from the files, so a new notebook needs no edit
here: ``notebooks/NN_topic.ipynb`` with its twin ``NN_topic.py``, numbered on from the last.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
_NAME = re.compile(r"(\d\d)_[a-z0-9_]+")


def notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Every ``NN_topic.ipynb`` in ``folder``, in lecture order. Raises ValueError if the
    numbers are not 01, 02, ... without gaps, or a name breaks the ``NN_topic`` pattern."""
    found = sorted(folder.glob("*.ipynb"))
    bad = [p.name for p in found if not _NAME.fullmatch(p.stem)]
    if bad:
        raise ValueError(f"notebook names must look like NN_topic.ipynb (lowercase): {bad}")
    numbers = [int(p.stem[:2]) for p in found]
    if numbers != list(range(1, len(found) + 1)):
        raise ValueError(f"notebooks must be numbered 01, 02, ... without gaps or repeats, "
                         f"got {[p.name for p in found]}")
    return found


#: The cell tag of everything outside the lecture's core path (kept for self-study).
OPTIONAL_TAG = "optional"


def is_optional(cell: nbformat.NotebookNode) -> bool:
    """Is ``cell`` outside the core path (tagged ``optional``)?"""
    return OPTIONAL_TAG in cell.metadata.get("tags", [])


def scripts(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The jupytext twins (``NN_topic.py``) of :func:`notebooks`, in the same order."""
    return [p.with_suffix(".py") for p in notebooks(folder)]
