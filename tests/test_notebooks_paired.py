"""Every notebook is paired with its jupytext .py twin, stored executed, and follows
the collection's conventions. (Strict nbval re-executes them: see pyproject.toml.)"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

from tools import manifest

NOTEBOOKS = manifest.NOTEBOOKS_DIR
IPYNBS = manifest.notebooks()


def _cells(path: Path) -> list[tuple[str, str]]:
    nb = jupytext.read(path)
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def test_notebooks_exist_in_lecture_order():
    """manifest.notebooks() itself refuses gaps, repeats and names off the NN_topic pattern."""
    assert len(IPYNBS) >= 6, f"the lecture has six notebooks, found {[p.name for p in IPYNBS]}"


def test_the_manifest_refuses_a_gap_in_the_numbering(tmp_path: Path):
    for name in ("01_a.ipynb", "03_c.ipynb"):
        (tmp_path / name).write_text("{}")
    with pytest.raises(ValueError, match="without gaps"):
        manifest.notebooks(tmp_path)


def test_every_py_has_its_notebook():
    orphans = sorted(p.name for p in NOTEBOOKS.glob("*.py") if not p.with_suffix(".ipynb").exists())
    assert not orphans, f".py files without their .ipynb: {orphans}"


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_paired_py_has_the_same_cells(ipynb: Path):
    py = ipynb.with_suffix(".py")
    assert py.exists(), f"{ipynb.name} has no paired {py.name}; run `make notebooks`"
    nb_cells, py_cells = _cells(ipynb), _cells(py)
    for i, (a, b) in enumerate(zip(nb_cells, py_cells, strict=False)):
        assert a == b, f"{ipynb.name} and {py.name} differ at cell {i}: run `make sync`"
    assert len(nb_cells) == len(py_cells), f"{ipynb.name} and {py.name} differ in cell count"


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_stored_executed_in_order_without_errors(ipynb: Path):
    nb = nbformat.read(ipynb, as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", "kernelspec must be python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert None not in counts, f"{ipynb.name} has unexecuted cells: run `make notebooks`"
    assert counts == list(range(1, len(code) + 1)), f"{ipynb.name} was not run top to bottom"
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{ipynb.name} stores an error output"
    images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
    assert images, f"{ipynb.name} has no figure"


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_opens_with_title_and_closes_with_summary(ipynb: Path):
    nb = nbformat.read(ipynb, as_version=4)
    first, last = nb.cells[0], nb.cells[-1]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "first cell: the title"
    assert last.cell_type == "markdown" and "Summary" in last.source, "last cell: the summary"
    asserts = sum(c.source.count("assert ") for c in nb.cells if c.cell_type == "code")
    assert asserts >= 3, f"{ipynb.name} checks too little ({asserts} asserts)"


NBVAL_MARKERS = {"# NBVAL_IGNORE_OUTPUT", "# NBVAL_CHECK_OUTPUT", "# NBVAL_RAISES_EXCEPTION", "# NBVAL_SKIP"}


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_nbval_markers_are_exact_lines(ipynb: Path):
    """nbval only honours a marker alone on its line; anything after it silently disables it."""
    nb = nbformat.read(ipynb, as_version=4)
    for i, cell in enumerate(nb.cells):
        for line in cell.source.splitlines():
            if "NBVAL_" in line and cell.cell_type == "code":
                assert line.strip() in NBVAL_MARKERS, f"cell {i}: {line.strip()!r} is not a bare nbval marker"
