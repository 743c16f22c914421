"""Accessibility: axe-core (bundled by ``axe-playwright-python``) finds no serious or critical
violation on any page of the HTML site (each notebook in full and its core path, the index),
on the slide decks' index, or on the fixture notebook's pages (folded checks, core path).

Pages open from disk, offline, once MathJax has typeset them (its output is checked too).
A control test shows the check can fail: the same fixture page highlighted with JupyterLab's
own colours (some under 4.5:1 contrast) is reported.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from jupyterlab_pygments import JupyterStyle
from site_fixture import build_fixture_site

from tools import build_site, manifest

ROOT = Path(__file__).resolve().parents[2]
STEMS = [p.stem for p in manifest.notebooks()]
SITE_PAGES = [f"{stem}{suffix}" for stem in STEMS for suffix in (".html", ".core.html")] + ["index.html"]
FIXTURE_PAGES = ["01_fixture.html", "01_fixture.core.html", "index.html"]
BLOCKING = ("serious", "critical")
MATHJAX_DONE = """() => !window.MathJax || (MathJax.Hub && MathJax.Hub.queue &&
    MathJax.Hub.queue.pending === 0 && MathJax.Hub.queue.running === 0)"""
SECTION = "axe-core: time per page"


def _blocking_violations(browser, path: Path, timings: dict) -> list[str]:
    """One line per node of each serious or critical violation on the page: rule, page, node."""
    start = time.perf_counter()
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        page.wait_for_function(MATHJAX_DONE, timeout=120_000)
        violations = Axe().run(page).response["violations"]
    finally:
        page.close()
    timings.setdefault(SECTION, {})[f"{path.parent.name}/{path.name}"] = time.perf_counter() - start
    assert not browser.blocked, f"{path.name} asked the network: {browser.blocked[:3]}"
    return [f"{v['id']} ({v['impact']}: {v['help']}) on {path.name} at {' '.join(map(str, n['target']))}: "
            f"{n['html'][:100]}"
            for v in violations if v["impact"] in BLOCKING for n in v["nodes"]]


def _assert_none(found: list[str]) -> None:
    assert not found, f"{len(found)} serious/critical axe violation(s):\n" + "\n".join(found[:40])


@pytest.mark.parametrize("name", SITE_PAGES)
def test_html_site_page_has_no_serious_violation(real_html: Path, browser, timings, name: str):
    _assert_none(_blocking_violations(browser, real_html / name, timings))


def test_slides_index_has_no_serious_violation(real_slides: Path, browser, timings):
    _assert_none(_blocking_violations(browser, real_slides / "index.html", timings))


@pytest.mark.parametrize("name", FIXTURE_PAGES)
def test_fixture_page_has_no_serious_violation(fixture_site: Path, browser, timings, name: str):
    _assert_none(_blocking_violations(browser, fixture_site / "html" / name, timings))


def test_low_contrast_highlighting_is_reported(tmp_path: Path, browser, timings, monkeypatch):
    monkeypatch.setattr(build_site, "HIGHLIGHT_STYLE", JupyterStyle)
    site = build_fixture_site(tmp_path)
    found = _blocking_violations(browser, site / "html" / "01_fixture.html", timings)
    assert any(line.startswith("color-contrast (serious") for line in found), found
