"""`make html` and `make slides` (tools/build_site.py).

On a small fixture notebook (tests/site_fixture.py): every figure gets its own text alternative
and one without is an error naming the notebook and the cell; folded checks are folded in the
HTML and left out of the slides; the core-path reading and the decks leave out optional cells.
On the real notebooks: one page per notebook (full and core path) plus an index in lecture
order, every stored figure inline, no error output, and nothing loaded from the network.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from site_fixture import (
    ALT,
    OPTIONAL_TEXT,
    TITLE,
    run_build_site,
    write_fixture,
)

from tools import build_site, manifest
from tools.site_notebook import core_only, image_alt, static_copy, title_and_line

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = manifest.notebooks()
OUTPUT_IMAGE = re.compile(
    r'jp-RenderedImage jp-OutputArea-output[^>]*>\s*<img [^>]*src="data:image/png;base64,')
NETWORK = r'(?:https?:)?//'
# What a page or a style sheet would fetch from the network: a script, style sheet, image or
# frame by URL, a CSS @import or url(), a module require()d by URL.
NETWORK_LOADS = [
    re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)\s*=\s*["\']' + NETWORK + r'[^"\']*',
               re.I),
    re.compile(r'@import\s+(?:url\(\s*)?["\']?' + NETWORK + r'[^"\')\s;]*', re.I),
    re.compile(r'\burl\(\s*["\']?' + NETWORK + r'[^"\')\s]*', re.I),
    re.compile(r'\brequire\(\s*(?:\{[^}]*\}\s*,\s*)?\[[^\]]*["\']' + NETWORK + r'[^"\']*', re.S),
]


def image_alts(page: str) -> list[str | None]:
    """The alt attribute of every <img> of the page, in order (None where there is none)."""
    return [img.get("alt") for img in BeautifulSoup(page, "html.parser").find_all("img")]


def network_loads(text: str) -> list[str]:
    return [m.group(0)[:120] for pattern in NETWORK_LOADS for m in pattern.finditer(text)]


def _stored_pngs(ipynb: Path) -> int:
    nb = nbformat.read(ipynb, as_version=4)
    return sum("image/png" in o.get("data", {})
               for c in nb.cells if c.cell_type == "code" for o in c.outputs)


# --- the mechanism, on the fixture notebook ---------------------------------------------------

def test_every_figure_gets_its_own_text_alternative(fixture_site: Path):
    full = (fixture_site / "html" / "01_fixture.html").read_text(encoding="utf-8")
    core = (fixture_site / "html" / "01_fixture.core.html").read_text(encoding="utf-8")
    deck = (fixture_site / "slides" / "01_fixture.slides.html").read_text(encoding="utf-8")
    assert image_alts(full) == [ALT["curve"], ALT["optional"], ALT["demo"]]
    assert image_alts(core) == [ALT["curve"], ALT["demo"]]
    assert image_alts(deck) == [ALT["curve"], ALT["demo"]]


def test_a_figure_without_text_alternative_is_an_error_naming_notebook_and_cell(tmp_path: Path):
    notebook = write_fixture(tmp_path / "notebooks", alt_on_curve=False)
    expected = re.compile(r"01_fixture\.ipynb, cell 2 \(id [\w-]+\): plot_sigmoid\(\)")
    for kind in ("html", "slides"):
        with pytest.raises(ValueError, match=r"1 figure\(s\) without a text alternative") as err:
            build_site.build(kind, tmp_path / kind, [notebook])
        assert expected.search(str(err.value)), str(err.value)
    result = run_build_site("html", tmp_path / "cli", str(notebook))
    assert result.returncode != 0 and expected.search(result.stderr), result.stderr
    assert not (tmp_path / "cli").exists(), "nothing must be written when a figure lacks its alt"


def test_folded_checks_fold_in_html_and_leave_the_slides(fixture_site: Path):
    for name in ("01_fixture.html", "01_fixture.core.html"):
        page = (fixture_site / "html" / name).read_text(encoding="utf-8")
        folded = re.findall(r'<details class="folded-input"><summary>[^<]+</summary>(.*?)</details>',
                            page, re.S)
        assert len(folded) == 1 and "folded_check_sentinel" in folded[0], f"{name}: check not folded"
        assert page.count("folded_check_sentinel") == 1
        assert "check passed" in page, f"{name}: the folded check's output must stay"
    deck = (fixture_site / "slides" / "01_fixture.slides.html").read_text(encoding="utf-8")
    assert "folded_check_sentinel" not in deck and "<details" not in deck
    assert "check passed" in deck


def test_core_reading_and_decks_leave_out_optional_cells(fixture_site: Path):
    html = fixture_site / "html"
    assert OPTIONAL_TEXT in (html / "01_fixture.html").read_text(encoding="utf-8")
    core = (html / "01_fixture.core.html").read_text(encoding="utf-8")
    deck = (fixture_site / "slides" / "01_fixture.slides.html").read_text(encoding="utf-8")
    assert OPTIONAL_TEXT not in core and OPTIONAL_TEXT not in deck
    assert f"<title>{TITLE} (core path only)</title>" in core, "the core page must say it is one"
    assert 'href="01_fixture.html">full notebook' in core
    assert 'href="01_fixture.core.html">core path only' in (html / "01_fixture.html").read_text()
    index = (html / "index.html").read_text(encoding="utf-8")
    assert 'href="01_fixture.core.html"' in index and "(5 of 7 cells)" in index


def test_fixture_deck_loads_nothing_from_the_network(fixture_site: Path):
    deck = fixture_site / "slides" / "01_fixture.slides.html"
    assert not network_loads(deck.read_text(encoding="utf-8"))
    for asset in ("reveal.js/dist/reveal.js", "reveal.js/dist/theme/white.css",
                  "requirejs/require.js", "jquery/dist/jquery.min.js", "mathjax/MathJax.js"):
        assert (deck.parent / asset).is_file(), f"{asset} not copied next to the deck"


def test_network_loads_finds_what_a_page_would_fetch():
    fetching = ['<script src="https://unpkg.com/x.js"></script>',
                '<link rel="stylesheet" href="//cdn/x.css">',
                "@import url(https://fonts.googleapis.com/css?family=Lato);",
                "a { background: url('//x/y.png') }",
                'require({waitSeconds: 15}, ["https://unpkg.com/reveal.js@4.0.2/dist/reveal.js"], f)']
    for text in fetching:
        assert network_loads(text), text
    local = ['<script src="reveal.js/dist/reveal.js"></script>', '<a href="https://github.com/x">x</a>',
             "@import url(fonts/source-sans-pro/source-sans-pro.css);",
             'require(["reveal.js/dist/reveal.js"])']
    for text in local:
        assert not network_loads(text), text


def test_title_and_line_and_static_copy():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(
            "# 07 · A title\n\n*Lecture 08 byline.*\n\nFirst $a.b$ sentence.\nSecond line."),
        nbformat.v4.new_code_cell("demo()", outputs=[nbformat.v4.new_output(
            "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"},
                                  "image/png": "iVBOR", "text/plain": "demo"}),
            nbformat.v4.new_output("display_data", data={
                "application/vnd.jupyter.widget-view+json": {"model_id": "y"}})]),
    ], metadata={"widgets": {"state": {}}})
    assert title_and_line(nb) == ("07 · A title", "First $a.b$ sentence. Second line.")
    static = static_copy(nb)
    assert "widgets" not in static.metadata and "widgets" in nb.metadata, "must not change the input"
    outputs = static.cells[1].outputs
    assert len(outputs) == 1 and set(outputs[0].data) == {"image/png", "text/plain"}


# --- the real site ----------------------------------------------------------------------------

def test_one_page_per_notebook_and_reading_plus_index(real_html: Path):
    pages = sorted(p.name for p in real_html.glob("*.html"))
    expected = sorted([f"{nb.stem}{suffix}" for nb in NOTEBOOKS for suffix in (".html", ".core.html")]
                      + ["index.html"])
    assert pages == expected, f"pages {pages} != each notebook in full and core path + index"


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_has_its_figures_and_no_errors(real_html: Path, ipynb: Path):
    page = (real_html / f"{ipynb.stem}.html").read_text(encoding="utf-8")
    stored = _stored_pngs(ipynb)
    assert stored > 0, f"{ipynb.name} stores no figure"
    found = len(OUTPUT_IMAGE.findall(page))
    assert found == stored, f"{ipynb.stem}.html has {found} inline PNG outputs, the notebook {stored}"
    # nbconvert renders stderr and error (traceback) outputs with this MIME type.
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page, "stderr/error output"
    assert "application/vnd.jupyter.widget-view+json" not in page, "a live widget view left in"
    assert not network_loads(page), f"loads from the network: {network_loads(page)[:3]}"
    assert 'src="mathjax/MathJax.js?' in page, "equations must use the local MathJax copy"


def _stored_alts(cells: list) -> list[str]:
    return [image_alt(o) for c in cells if c.cell_type == "code" for o in c.outputs
            if "image/png" in o.get("data", {})]


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_real_figure_has_its_own_text_alternative(real_html: Path, real_slides: Path, ipynb: Path):
    """Each figure's alt text, stored by the notebook, is on its <img> in the page and the deck;
    no two figures of a notebook share one."""
    nb = nbformat.read(ipynb, as_version=4)
    alts = _stored_alts(nb.cells)
    assert all(alts), f"{ipynb.name}: a figure without a text alternative"
    assert len(set(alts)) == len(alts), f"{ipynb.name}: two figures share a text alternative"
    page = (real_html / f"{ipynb.stem}.html").read_text(encoding="utf-8")
    assert image_alts(page) == alts, f"{ipynb.stem}.html"
    deck = (real_slides / f"{ipynb.stem}.slides.html").read_text(encoding="utf-8")
    assert image_alts(deck) == _stored_alts(core_only(nb).cells), f"{ipynb.stem}.slides.html"


def test_mathjax_is_shipped_with_the_site(real_html: Path):
    assert (real_html / "mathjax" / "MathJax.js").is_file()
    assert (real_html / "mathjax" / "config" / "TeX-AMS-MML_HTMLorMML-full.js").is_file()
    assert (real_html / "mathjax" / "fonts" / "HTML-CSS" / "STIX-Web").is_dir()


def test_index_links_every_page_in_lecture_order(real_html: Path):
    index = (real_html / "index.html").read_text(encoding="utf-8")
    ordered = re.search(r'<ol class="notebooks">(.*?)</ol>', index, re.S)
    assert ordered, "index.html has no list of notebooks"
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', ordered.group(1))
    assert [href for href, _ in links] == [f"{nb.stem}.html" for nb in NOTEBOOKS], links
    core = re.findall(r'<a class="core" href="([^"]+)">', ordered.group(1))
    assert core == [f"{nb.stem}.core.html" for nb in NOTEBOOKS], core
    for (href, title), ipynb in zip(links, NOTEBOOKS, strict=True):
        heading = nbformat.read(ipynb, as_version=4).cells[0].source.splitlines()[0]
        assert heading == f"# {title}".replace("&amp;", "&"), f"{href}: title {title!r} != {heading!r}"
    lines = re.findall(r'<span class="line">(.*?)</span></li>', ordered.group(1), re.S)
    assert len(lines) == len(NOTEBOOKS), "a one-line summary is missing"
    assert all(line.strip() for line in lines), "an empty one-line summary"
    assert not network_loads(index)


def test_pages_link_to_their_neighbours_and_other_reading(real_html: Path):
    for suffix, other in ((".html", ".core.html"), (".core.html", ".html")):
        for i, ipynb in enumerate(NOTEBOOKS):
            page = (real_html / f"{ipynb.stem}{suffix}").read_text(encoding="utf-8")
            assert 'href="index.html"' in page
            assert f'href="{ipynb.stem}{other}"' in page, f"{ipynb.stem}{suffix}: no link to {other}"
            if i + 1 < len(NOTEBOOKS):
                assert f'href="{NOTEBOOKS[i + 1].stem}{suffix}"' in page, f"{ipynb.stem}: no next"


def test_one_deck_per_notebook_with_its_slides(real_slides: Path):
    decks = sorted(p.name for p in real_slides.glob("*.html"))
    assert decks == sorted([f"{nb.stem}.slides.html" for nb in NOTEBOOKS] + ["index.html"])
    for ipynb in NOTEBOOKS:
        core = core_only(nbformat.read(ipynb, as_version=4)).cells
        types = [c.metadata.get("slideshow", {}).get("slide_type") for c in core]
        deck = (real_slides / f"{ipynb.stem}.slides.html").read_text(encoding="utf-8")
        assert types[0] == "slide", f"{ipynb.name}: the title cell must start a slide"
        n_slides = types.count("slide") + types.count("subslide")
        assert deck.count("<section") >= n_slides, f"{ipynb.stem}: fewer sections than slides"
        assert 'src="mathjax/MathJax.js?' in deck and 'src="requirejs/require.js"' in deck
        core_pngs = sum("image/png" in o.get("data", {}) for c in core if c.cell_type == "code"
                        for o in c.outputs)
        assert len(OUTPUT_IMAGE.findall(deck)) == core_pngs, f"{ipynb.stem}: figures"
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in deck


def test_decks_load_nothing_from_the_network(real_slides: Path):
    """No deck, and no style sheet copied next to them, names a network URL for a script, a
    style sheet, a font or an image (the browser test also blocks the network and counts)."""
    for path in [*real_slides.glob("*.html"), *real_slides.glob("reveal.js/**/*.css")]:
        found = network_loads(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(real_slides)} loads from the network: {found[:3]}"
    assert (real_slides / "reveal.js" / "dist" / "reveal.js").is_file()
