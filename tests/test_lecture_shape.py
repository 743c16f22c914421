"""The notebooks make a lecture that fits one class: a core path (cells without the tag
`optional`) of at most 120 cells and 5,000 words, optional cells skipped by the slides, code
lines a projector can show, every figure captioned with its own text alternative, and a
first cell that fails at once, with the fix, when the package or the data is missing."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from logreg.widgets import WIDGET_VIEW
from tools import manifest

IPYNBS = manifest.notebooks()
MAX_CORE_CELLS, MAX_CORE_WORDS, MAX_LINE = 120, 5000, 100


def _read(ipynb: Path) -> nbformat.NotebookNode:
    return nbformat.read(ipynb, as_version=4)


def core_path(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if not manifest.is_optional(c)]


def words(cells: list[nbformat.NotebookNode]) -> int:
    return sum(len(c.source.split()) for c in cells if c.cell_type == "markdown")


def test_the_core_path_fits_a_75_minute_class():
    cores = {p.stem: core_path(_read(p)) for p in IPYNBS}
    n_cells = sum(len(c) for c in cores.values())
    n_words = sum(words(c) for c in cores.values())
    table = ", ".join(f"{k}: {len(v)} cells / {words(v)} words" for k, v in cores.items())
    assert n_cells <= MAX_CORE_CELLS, f"core path has {n_cells} cells ({table})"
    assert n_words <= MAX_CORE_WORDS, f"core path has {n_words} words ({table})"


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_optional_cells_are_skipped_by_the_slides(ipynb: Path):
    for i, cell in enumerate(_read(ipynb).cells):
        if manifest.is_optional(cell):
            kind = cell.metadata.get("slideshow", {}).get("slide_type")
            assert kind == "skip", f"cell {i} is optional but its slide type is {kind!r}, not 'skip'"


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_every_claim_keeps_a_visible_check_in_the_core_path(ipynb: Path):
    """A core section that states a claim (Cn) ends in an assert the class can see."""
    nb = _read(ipynb)
    claims = sorted(set(re.findall(r"\bC(\d{1,2})\b", "\n".join(
        c.source for c in core_path(nb) if c.cell_type == "markdown"))), key=int)
    visible = [c for c in core_path(nb) if c.cell_type == "code"
               and not c.metadata.get("jupyter", {}).get("source_hidden")]
    assert claims, f"{ipynb.name} names no claim in its core path"
    assert sum("assert " in c.source for c in visible) >= len(claims), (
        f"{ipynb.name}: {len(claims)} claims but fewer visible asserts in the core path")


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_no_code_line_is_too_long_to_project(ipynb: Path):
    for i, cell in enumerate(_read(ipynb).cells):
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                assert len(line) <= MAX_LINE, f"cell {i}: {len(line)} characters: {line[:60]}..."


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_every_figure_has_a_caption_and_its_own_text_alternative(ipynb: Path):
    for i, cell in enumerate(_read(ipynb).cells):
        outputs = cell.get("outputs", [])
        for j, out in enumerate(outputs):
            if "image/png" not in out.get("data", {}):
                continue
            alt = out.get("metadata", {}).get("image/png", {}).get("alt", "")
            assert len(alt.split()) >= 5, f"cell {i}: a figure without a text alternative"
            if WIDGET_VIEW in out["data"]:
                continue  # a demo: its readout and sliders are its caption
            after = outputs[j + 1] if j + 1 < len(outputs) else {}
            caption = after.get("data", {}).get("text/markdown", "")
            assert caption.startswith("*Figure.*") and alt in caption, (
                f"cell {i}: the figure is not followed by its caption")


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_the_first_code_cell_fails_loudly_without_the_package_or_data(ipynb: Path):
    first = next(c for c in _read(ipynb).cells if c.cell_type == "code")
    assert "except ModuleNotFoundError" in first.source and "pip install" in first.source
    assert "logreg.data.verify()" in first.source
