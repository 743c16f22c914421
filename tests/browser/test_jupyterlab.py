"""Every notebook runs in a real JupyterLab, in a real browser, as a student would run it.

For every notebook (served by the ``lab`` fixture, see conftest.py) the test opens it, runs
Run -> Run All Cells from the menu, waits until every code cell has an execution count and the
kernel is idle, and checks: no error or stderr output, as many rendered images as the stored
notebook has PNG outputs, every widget demo rendered, and -- for each notebook with a demo --
that moving a slider with the keyboard changes the demo's readout and figure.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import nbformat
import pytest

from logreg.widgets import WIDGET_VIEW
from tools import manifest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = manifest.notebooks()
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
# A rendered widget view: JupyterLab gives it no data-mime-type, its top widget is a child.
WIDGET_OUTPUT = ".jp-OutputArea-output:has(> .jupyter-widgets)"
NOTEBOOK_TIMEOUT = 240  # s, from "Run All Cells" to the last cell done
SECTION = "JupyterLab in Chromium: time per notebook"
TOTAL = "total, server start to the last notebook done"


def _expected(ipynb: Path) -> dict[str, int]:
    nb = nbformat.read(ipynb, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    outputs = [o for c in code for o in c.outputs]
    return {
        "code": len(code),
        "png": sum("image/png" in o.get("data", {}) for o in outputs),
        "widgets": sum(WIDGET_VIEW in o.get("data", {}) for o in outputs),
    }


def _wait_until_all_ran(page, n_code: int, timeout_s: float) -> None:
    """Every code cell has run: each shown prompt has a number, the largest is the number of
    code cells (Run All counts them in order, so a cell whose input is collapsed and shows no
    prompt is counted too), and the kernel is idle."""
    page.wait_for_function(
        """(n) => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
            const counts = prompts.map(p => (/\\[(\\d+)\\]/.exec(p.textContent) || [])[1]);
            const status = document.querySelector(
                '.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator');
            return counts.length > 0 && counts.every(c => c !== undefined) &&
                   Math.max(...counts.map(Number)) === n &&
                   status && status.dataset.status === 'idle';
        }""",
        arg=n_code,
        timeout=timeout_s * 1000,
    )


def _images_loaded(page) -> list[int]:
    """naturalWidth of every image in an output (0 = broken or not yet decoded)."""
    return page.eval_on_selector_all(".jp-OutputArea-output img", "els => els.map(e => e.naturalWidth)")


def _move_first_slider(page) -> None:
    """Press ArrowRight on the first demo's first slider; its readout and figure must change."""
    demo = page.locator(WIDGET_OUTPUT).first
    readout = demo.locator(".widget-html-content").first
    image = demo.locator("img.widget-image").first
    before = (readout.inner_text(), image.get_attribute("src"))
    handle = demo.locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
    page.wait_for_function(
        """([el, img, text, src]) => el.innerText !== text && img.getAttribute('src') !== src""",
        arg=[readout.element_handle(), image.element_handle(), before[0], before[1]],
        timeout=20_000,
    )
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    after = readout.inner_text()
    assert after != before[0], "the readout did not change after moving the slider"


@pytest.mark.parametrize("ipynb", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_jupyterlab(lab, browser, timings, ipynb: Path) -> None:
    expected = _expected(ipynb)
    start = time.perf_counter()
    page = browser.new_page()
    try:
        lab.open(page, ipynb.name)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
        _wait_until_all_ran(page, expected["code"], NOTEBOOK_TIMEOUT)

        errors = page.locator(STDERR)
        if errors.count():
            texts = "\n---\n".join(errors.all_inner_texts())
            pytest.fail(f"{ipynb.name}: {errors.count()} error/stderr output(s):\n{texts[:3000]}")
        page.wait_for_function(
            "n => [...document.querySelectorAll('.jp-OutputArea-output img')].filter("
            "i => i.complete && i.naturalWidth > 0).length >= n", arg=expected["png"], timeout=30_000)
        widths = _images_loaded(page)
        assert len(widths) == expected["png"], (
            f"{ipynb.name}: {len(widths)} images rendered, the stored notebook has {expected['png']}")
        assert all(w > 0 for w in widths), f"{ipynb.name}: broken image(s): {widths}"

        views = page.locator(WIDGET_OUTPUT)
        assert views.count() == expected["widgets"], (
            f"{ipynb.name}: {views.count()} widget outputs, the stored notebook has {expected['widgets']}")
        if expected["widgets"]:
            assert page.locator(".jupyter-widgets .widget-slider").count() >= expected["widgets"], (
                f"{ipynb.name}: widget sliders did not render")
            assert "Error displaying widget" not in page.locator(".jp-Notebook").inner_text()
            _move_first_slider(page)
            assert page.locator(STDERR).count() == 0, "moving the slider wrote to stderr"
    except BaseException:
        browser.keep_evidence(page, ipynb.stem)
        print(f"JupyterLab log (tail):\n{lab.log_tail()}", file=sys.stderr)
        raise
    finally:
        page.close()
        lab.shutdown_kernels()
        times = timings.setdefault(SECTION, {})
        times[ipynb.stem] = time.perf_counter() - start
        times.pop(TOTAL, None)  # kept last
        times[TOTAL] = time.perf_counter() - lab.started
