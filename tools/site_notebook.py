"""What of a stored notebook the HTML site and the slide decks show.

Three conventions of the notebooks drive it:

* a cell tagged ``optional`` is not part of the lecture's core path (it stays in the full
  notebook, for self-study);
* a code cell with ``metadata.jupyter.source_hidden`` is a check folded out of the story
  (JupyterLab collapses its input; the templates fold or hide it);
* every figure carries its text alternative in ``output.metadata["image/png"]["alt"]``.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from logreg.widgets import WIDGET_VIEW
from tools.manifest import is_optional


def static_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without live widget views: each widget output keeps its other MIME types
    (the demos' static PNG and text), and the saved widget state is dropped."""
    nb = nbformat.from_dict(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.outputs:
            data = out.get("data", {})
            data.pop(WIDGET_VIEW, None)
            if out.output_type in ("display_data", "execute_result") and not data:
                continue
            kept.append(out)
        cell.outputs = kept
    return nb


def core_only(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the notebook with only its core path: the cells not tagged ``optional``."""
    nb = nbformat.from_dict(nb)
    nb.cells = [cell for cell in nb.cells if not is_optional(cell)]
    return nb


def image_alt(output: nbformat.NotebookNode) -> str:
    """The text alternative stored with an output's PNG ("" if there is none)."""
    alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
    return alt.strip() if isinstance(alt, str) else ""


def figures_without_alt(nb: nbformat.NotebookNode, path: Path) -> list[str]:
    """One line per PNG output that has no text alternative, naming the notebook and the cell
    (its number, id and first line of code)."""
    missing = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            if "image/png" in out.get("data", {}) and not image_alt(out):
                first = next((line for line in cell.source.splitlines() if line.strip()), "")
                missing.append(f"{path.name}, cell {number} (id {cell.get('id', '?')}): {first[:70]}")
    return missing


def title_and_line(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """The notebook's title (its first ``# `` heading) and one line describing it: the first
    paragraph of the first markdown cell that is neither the title nor an all-italic byline,
    joined into one line."""
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is None:
        raise ValueError("notebook has no markdown cell")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", first.source) if p.strip()]
    title = next((p[2:].strip() for p in paragraphs if p.startswith("# ")), "")
    body = [p for p in paragraphs if not p.startswith("#")
            and not (p.startswith("*") and p.endswith("*") and not p.startswith("**"))]
    return title, body[0] if body else ""
