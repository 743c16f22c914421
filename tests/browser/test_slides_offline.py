"""The slide decks present with no network: each deck opens from disk in Chromium with every
request that would leave the machine aborted, shows slide 1, goes to slide 2 on the right
arrow, and has its equations typeset by the local MathJax. Nothing may be asked of the
network, and no local file the deck loads may be missing.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tools import manifest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = manifest.notebooks()
PRESENT = ".reveal .slides > section.present"
# MathJax 2's output (HTML-CSS) and its marks of a TeX error.
TYPESET = ".MathJax, .MathJax_Display"
MATH_ERRORS = ".MathJax_Error, .MathJax merror"
SECTION = "Slide decks offline (from disk, network blocked)"


def _slide_titles(ipynb: Path) -> list[str]:
    """The first line of each slide's first cell along the core path."""
    nb = nbformat.read(ipynb, as_version=4)
    return [c.source.splitlines()[0].lstrip("#").strip() for c in nb.cells
            if c.metadata.get("slideshow", {}).get("slide_type") == "slide"
            and not manifest.is_optional(c)]


def _showing(page, title: str) -> None:
    page.locator(PRESENT, has_text=re.compile(re.escape(title), re.I)).first.wait_for(state="visible")


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=lambda p: p.stem)
def test_deck_presents_offline(real_slides: Path, offline_browser, timings, ipynb: Path):
    titles = _slide_titles(ipynb)
    assert len(titles) >= 2, f"{ipynb.name} needs two slides"
    deck = real_slides / f"{ipynb.stem}.slides.html"
    page = offline_browser.new_page()
    missing = []
    page.on("requestfailed", lambda r: missing.append(r.url) if r.url.startswith("file:") else None)
    start = time.perf_counter()
    try:
        page.goto(deck.as_uri())
        try:
            page.wait_for_selector(".reveal.ready")
        except PlaywrightTimeout:
            pytest.fail(f"reveal.js did not start; asked the network for {offline_browser.blocked}, "
                        f"missing local files {missing}")
        _showing(page, titles[0])
        first = time.perf_counter()
        page.keyboard.press("ArrowRight")
        _showing(page, titles[1])
        second = time.perf_counter()
        assert titles[0].casefold() not in page.locator(PRESENT).first.inner_text().casefold()
        page.wait_for_function("s => document.querySelectorAll(s).length > 0", arg=TYPESET,
                               timeout=60_000)
        typeset = time.perf_counter()
        assert page.locator(MATH_ERRORS).count() == 0, "MathJax could not typeset an equation"
        assert not offline_browser.blocked, f"asked the network: {offline_browser.blocked}"
        assert not missing, f"local files the deck loads are missing: {missing}"
    except BaseException:
        offline_browser.keep_evidence(page, f"{ipynb.stem}.slides")
        raise
    finally:
        page.close()
    times = timings.setdefault(SECTION, {})
    times[f"{ipynb.stem}: slide 1 shown"] = first - start
    times[f"{ipynb.stem}: slide 2 shown"] = second - start
    times[f"{ipynb.stem}: equations typeset"] = typeset - start
