"""RISE (``jupyterlab-rise``) presents the running notebook as slides from inside JupyterLab.

The test opens the first notebook in JupyterLab (the shared ``lab`` fixture), checks that its
equations are typeset there, presses the notebook toolbar's RISE button, and in the slideshow
that opens beside the notebook sees the title slide with typeset equations, presses the right
arrow and sees the next slide. Nothing may be fetched from the network: RISE's default theme
imports Google Fonts, so the test's JupyterLab sets RISE's theme to "white", whose font
reveal.js ships (see LAB_SETTINGS in conftest.py).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "01_sigmoid_derivative.ipynb"
RISE_BUTTON = '.jp-NotebookPanel-toolbar [data-jp-item-name="RISE-button"] button'
# JupyterLab and RISE typeset with MathJax 3, whose output elements are <mjx-container>.
MATH = "mjx-container"
PRESENT = ".reveal .slides > section.present"


def _slide_titles(ipynb: Path) -> list[str]:
    """The first line of each slide's first cell, as RISE shows them."""
    nb = nbformat.read(ipynb, as_version=4)
    starts = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "slide"]
    return [c.source.splitlines()[0].lstrip("#").strip() for c in starts]


def test_rise_slideshow_starts_and_advances(lab, offline_browser, timings) -> None:
    titles = _slide_titles(NOTEBOOK)
    assert len(titles) >= 2, f"{NOTEBOOK.name} needs two slides"
    start = time.perf_counter()
    page = offline_browser.new_page()
    try:
        lab.open(page, NOTEBOOK.name)
        page.wait_for_selector(f".jp-NotebookPanel .jp-RenderedMarkdown {MATH}")

        page.locator(RISE_BUTTON).click()
        slideshow = page.frame_locator('iframe[src*="/rise/"]')
        slideshow.locator(PRESENT).first.wait_for(state="visible", timeout=90_000)
        shown = time.perf_counter()
        first = slideshow.locator(PRESENT).first.inner_text()  # as shown: the theme may upper-case
        assert titles[0].casefold() in first.casefold(), f"slide 1 shows {first[:200]!r}, not {titles[0]!r}"
        slideshow.locator(MATH).first.wait_for(state="attached")
        assert slideshow.locator(MATH).count() > 0, "no typeset equation in the slideshow"

        slideshow.locator(".reveal").first.click()
        slideshow.locator("body").press("ArrowRight")
        slideshow.locator(PRESENT, has_text=re.compile(re.escape(titles[1]), re.I)).first.wait_for()
        now = slideshow.locator(PRESENT).first.inner_text().casefold()
        assert titles[0].casefold() not in now, "still on slide 1"
        assert not offline_browser.blocked, f"the slideshow asked the network: {offline_browser.blocked}"
        times = timings.setdefault("RISE slideshow in JupyterLab", {})
        times["notebook open to slide 1 shown"] = shown - start
        times["notebook open to slide 2 shown"] = time.perf_counter() - start
    except BaseException:
        offline_browser.keep_evidence(page, "rise")
        print(f"JupyterLab log (tail):\n{lab.log_tail()}", file=sys.stderr)
        raise
    finally:
        page.close()
        lab.shutdown_kernels()
