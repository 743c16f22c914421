"""What the tests of the HTML site and the slide decks build: a small stored notebook that
uses every convention the site relies on (core path, folded checks, text alternatives, a
widget demo), and the real site, built the way `make html` / `make slides` build it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat

from tools import build_site

ROOT = Path(__file__).resolve().parents[1]
NPM_STAMP = "node_modules/.package-lock.json"  # the Makefile's rule for the pinned npm packages

v4 = nbformat.v4
# A 2 x 2 PNG: small, valid, decodable by a browser.
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4IScHRAwQCgAfJgQRoo8irwAAAABJRU5ErkJggg=="
ALT = {"curve": "A rising S-shaped curve from 0 to 1, steepest at z = 0.",
       "optional": "The same curve on a log scale.",
       "demo": "The demo at its default values: a sigmoid with w = 1 and b = 0."}
FOLDED_SOURCE = "assert folded_check_sentinel"
OPTIONAL_TEXT = "Optional deep-dive sentinel"
TITLE = "01 · Fixture notebook"


def _figure(alt: str | None, widget: bool = False) -> nbformat.NotebookNode:
    data = {"image/png": PNG, "text/plain": "<Figure size 640x480 with 1 Axes>"}
    if widget:
        data["application/vnd.jupyter.widget-view+json"] = {"model_id": "m1", "version_major": 2,
                                                            "version_minor": 0}
    metadata = {"image/png": {"alt": alt}} if alt is not None else {}
    return v4.new_output("display_data", data=data, metadata=metadata)


def _caption(text: str) -> nbformat.NotebookNode:
    return v4.new_output("display_data", data={"text/markdown": text, "text/plain": text})


def _slide(kind: str, tags: tuple[str, ...] = ()) -> dict:
    return {"slideshow": {"slide_type": kind}, "tags": list(tags)}


def fixture_notebook(alt_on_curve: bool = True) -> nbformat.NotebookNode:
    """Title slide with an equation, a captioned figure, a folded check, an optional section
    (tagged ``optional``), a second slide with a display equation, a widget demo."""
    return v4.new_notebook(cells=[
        v4.new_markdown_cell(f"# {TITLE}\n\nThe sigmoid $\\sigma(z) = 1/(1+e^{{-z}})$ in one page.",
                             metadata=_slide("slide")),
        v4.new_code_cell("plot_sigmoid()", execution_count=1, metadata=_slide("-"), outputs=[
            _figure(ALT["curve"] if alt_on_curve else None),
            _caption("*Figure 1.* σ rises from 0 to 1.")]),
        v4.new_code_cell(FOLDED_SOURCE, execution_count=2,
                         metadata={**_slide("-"), "jupyter": {"source_hidden": True}},
                         outputs=[v4.new_output("stream", name="stdout", text="check passed\n")]),
        v4.new_markdown_cell(f"## {OPTIONAL_TEXT}", metadata=_slide("skip", ("optional",))),
        # Tagged but not skipped: the decks must leave optional cells out by their tag.
        v4.new_code_cell("plot_log_sigmoid()", execution_count=3, metadata=_slide("-", ("optional",)),
                         outputs=[_figure(ALT["optional"])]),
        v4.new_markdown_cell("## The derivative\n\n$$\\frac{d\\sigma}{dz} = \\sigma(z)(1-\\sigma(z))$$",
                             metadata=_slide("slide")),
        v4.new_code_cell("sigmoid_demo(w=1.0, b=0)  # drag the sliders", execution_count=4,
                         metadata=_slide("-"),
                         outputs=[_figure(ALT["demo"], widget=True)]),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                 "language_info": {"name": "python", "pygments_lexer": "ipython3"}})


def write_fixture(folder: Path, alt_on_curve: bool = True) -> Path:
    """Write the fixture notebook into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "01_fixture.ipynb"
    nbformat.write(fixture_notebook(alt_on_curve), path)
    return path


def build_fixture_site(root: Path) -> Path:
    """The fixture notebook (``root/notebooks``) built as HTML (``root/html``) and as slides
    (``root/slides``); returns ``root``."""
    notebook = write_fixture(root / "notebooks")
    for kind in ("html", "slides"):
        build_site.build(kind, root / kind, [notebook])
    return root


def run_build_site(kind: str, out: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m tools.build_site kind *args --out out``, as `make html` runs it."""
    return subprocess.run([sys.executable, "-m", "tools.build_site", kind, *args, "--out", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)


def build_real_site(kind: str, out: Path) -> Path:
    """The real notebooks built as ``kind`` into ``out`` (the pinned npm packages first)."""
    install_npm_packages()
    result = run_build_site(kind, out)
    assert result.returncode == 0, f"build_site {kind} failed:\n{result.stdout}\n{result.stderr}"
    return out


def install_npm_packages() -> None:
    """reveal.js, require.js and jQuery in node_modules/, by the Makefile's rule (a no-op when
    they are up to date)."""
    result = subprocess.run(["make", "--no-print-directory", NPM_STAMP], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"make {NPM_STAMP} failed:\n{result.stdout}\n{result.stderr}"
