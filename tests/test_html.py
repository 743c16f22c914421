"""`make html` and `make slides` (tools/build_site.py): one page per notebook plus an index in
lecture order, every stored figure inline, no error output, and nothing loaded from the
network for the HTML site (the slide decks load reveal.js from its CDN, by decision)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TOOL = ROOT / "tools" / "build_site.py"
OUTPUT_IMAGE = re.compile(
    r'jp-RenderedImage jp-OutputArea-output[^>]*>\s*<img [^>]*src="data:image/png;base64,')
# <script src="http..."> or <link ... href="http...">: what a page would fetch from the network.
REMOTE = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//[^"]*"')


def _build(kind: str, out: Path) -> list[Path]:
    result = subprocess.run([sys.executable, str(TOOL), kind, "--out", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"build_site.py {kind} failed:\n{result.stdout}\n{result.stderr}"
    assert "warning" not in result.stderr.lower(), result.stderr
    return sorted(out.glob("*.html"))


@pytest.fixture(scope="module")
def html_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    _build("html", out)
    return out


@pytest.fixture(scope="module")
def slides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("slides")
    _build("slides", out)
    return out


def _stored_pngs(ipynb: Path) -> int:
    nb = nbformat.read(ipynb, as_version=4)
    return sum("image/png" in o.get("data", {})
               for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_one_page_per_notebook_plus_index(html_site: Path):
    pages = sorted(p.name for p in html_site.glob("*.html"))
    expected = sorted([f"{nb.stem}.html" for nb in NOTEBOOKS] + ["index.html"])
    assert pages == expected, f"pages {pages} != one per notebook + index"


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_has_its_figures_and_no_errors(html_site: Path, ipynb: Path):
    page = (html_site / f"{ipynb.stem}.html").read_text(encoding="utf-8")
    stored = _stored_pngs(ipynb)
    assert stored > 0, f"{ipynb.name} stores no figure"
    found = len(OUTPUT_IMAGE.findall(page))
    assert found == stored, f"{ipynb.stem}.html has {found} inline PNG outputs, the notebook {stored}"
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page, "stderr/error output"
    assert "Traceback" not in page and "ename" not in page, "an error output was rendered"
    assert "application/vnd.jupyter.widget-view+json" not in page, "a live widget view left in"
    assert not REMOTE.findall(page), f"loads from the network: {REMOTE.findall(page)[:3]}"
    assert 'src="mathjax/MathJax.js?' in page, "equations must use the local MathJax copy"


def test_mathjax_is_shipped_with_the_site(html_site: Path):
    assert (html_site / "mathjax" / "MathJax.js").is_file()
    assert (html_site / "mathjax" / "config" / "TeX-AMS-MML_HTMLorMML-full.js").is_file()
    assert (html_site / "mathjax" / "fonts" / "HTML-CSS" / "STIX-Web").is_dir()


def test_index_links_every_page_in_lecture_order(html_site: Path):
    index = (html_site / "index.html").read_text(encoding="utf-8")
    ordered = re.search(r'<ol class="notebooks">(.*?)</ol>', index, re.S)
    assert ordered, "index.html has no list of notebooks"
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', ordered.group(1))
    assert [href for href, _ in links] == [f"{nb.stem}.html" for nb in NOTEBOOKS], links
    for (href, title), ipynb in zip(links, NOTEBOOKS, strict=True):
        heading = nbformat.read(ipynb, as_version=4).cells[0].source.splitlines()[0]
        assert heading == f"# {title}".replace("&amp;", "&"), f"{href}: title {title!r} != {heading!r}"
    lines = re.findall(r'<span class="line">(.*?)</span></li>', ordered.group(1), re.S)
    assert len(lines) == len(NOTEBOOKS), "a one-line summary is missing"
    assert all(line.strip() for line in lines), "an empty one-line summary"
    assert not REMOTE.findall(index)


def test_pages_link_to_their_neighbours(html_site: Path):
    for i, ipynb in enumerate(NOTEBOOKS):
        page = (html_site / f"{ipynb.stem}.html").read_text(encoding="utf-8")
        assert 'href="index.html"' in page
        if i + 1 < len(NOTEBOOKS):
            assert f'href="{NOTEBOOKS[i + 1].stem}.html"' in page, f"{ipynb.stem}: no link to the next"


def test_title_and_line_and_static_copy():
    from tools import build_site as tool
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(
            "# 07 · A title\n\n*Lecture 08 byline.*\n\nFirst $a.b$ sentence.\nSecond line."),
        nbformat.v4.new_code_cell("demo()", outputs=[nbformat.v4.new_output(
            "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"},
                                  "image/png": "iVBOR", "text/plain": "demo"}),
            nbformat.v4.new_output("display_data", data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "y"}})]),
    ], metadata={"widgets": {"state": {}}})
    assert tool.title_and_line(nb) == ("07 · A title", "First $a.b$ sentence. Second line.")
    static = tool.static_copy(nb)
    assert "widgets" not in static.metadata and "widgets" in nb.metadata, "must not change the input"
    outputs = static.cells[1].outputs
    assert len(outputs) == 1 and set(outputs[0].data) == {"image/png", "text/plain"}


def test_one_deck_per_notebook_with_its_slides(slides: Path):
    decks = sorted(p.name for p in slides.glob("*.html"))
    assert decks == sorted([f"{nb.stem}.slides.html" for nb in NOTEBOOKS] + ["index.html"])
    for ipynb in NOTEBOOKS:
        nb = nbformat.read(ipynb, as_version=4)
        types = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
        deck = (slides / f"{ipynb.stem}.slides.html").read_text(encoding="utf-8")
        assert types[0] == "slide", f"{ipynb.name}: the title cell must start a slide"
        n_slides = types.count("slide") + types.count("subslide")
        assert deck.count("<section") >= n_slides, f"{ipynb.stem}: fewer sections than slides"
        assert "/dist/reveal.js" in deck and 'src="mathjax/MathJax.js?' in deck
        assert len(OUTPUT_IMAGE.findall(deck)) == _stored_pngs(ipynb), f"{ipynb.stem}: figures"
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in deck
