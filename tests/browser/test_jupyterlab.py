"""Every notebook runs in a real JupyterLab, in a real browser, as a student would run it.

Debian's Chromium (``/usr/bin/chromium``, from ``apt-get install chromium chromium-driver``)
is driven by the Python ``playwright`` package; ``playwright install`` is never used. One
JupyterLab server, started by this module on 127.0.0.1 with a random port and token, serves
a temporary copy of ``notebooks/`` (nothing in the repository is written). For every
notebook the test opens it, runs Run -> Run All Cells from the menu, waits until every code
cell has an execution count and the kernel is idle, and checks: no error or stderr output,
as many rendered images as the stored notebook has PNG outputs, every widget demo rendered,
and -- for each notebook with a demo -- that moving a slider with the keyboard changes the
demo's readout and figure. On failure a screenshot (and the page's DOM) goes to
``build/browser-screenshots/``.

Without Chromium the module is skipped, except when ``CI`` is set: then it fails.
Timings per notebook are printed in pytest's summary and written to
``build/browser-test-times.txt``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "browser-screenshots"
TIMES = ROOT / "build" / "browser-test-times.txt"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
# A rendered widget view: JupyterLab gives it no data-mime-type, its top widget is a child.
WIDGET_OUTPUT = ".jp-OutputArea-output:has(> .jupyter-widgets)"
SERVER_START_TIMEOUT = 90  # s
NOTEBOOK_TIMEOUT = 240  # s, from "Run All Cells" to the last cell done
CHROMIUM_ARGS = [
    "--no-sandbox",  # required as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# JupyterLab user settings: nothing reaches the network, every cell is attached to the DOM
# (windowing off), the kernel named in the notebook starts without a dialog.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none", "autoStartDefaultKernel": True},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def _require_browser() -> None:
    """Skip (or, under CI, fail) when the browser or playwright is missing."""
    missing = None
    if not CHROMIUM.is_file():
        missing = f"{CHROMIUM} not found (apt-get install -y chromium chromium-driver)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed (pip install -r requirements.txt)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the browser test must run: {missing}", pytrace=False)
        pytest.skip(f"real-browser JupyterLab test skipped: {missing}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    url: str
    token: str
    log: Path
    proc: subprocess.Popen
    started: float
    times: dict[str, float] = field(default_factory=dict)
    finished: float = 0.0

    def api(self, method: str, path: str) -> object:
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Lab]:
    """One JupyterLab server on 127.0.0.1 (random port and token) serving a copy of notebooks/."""
    _require_browser()
    tmp = tmp_path_factory.mktemp("jupyterlab")
    root = tmp / "notebooks"
    root.mkdir()
    for nb in NOTEBOOKS:
        shutil.copy2(nb, root / nb.name)
    settings = tmp / "user-settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    token = os.urandom(24).hex()
    port = _free_port()
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")]:
        env[var] = str(tmp / sub)  # ignore the user's kernelspecs, configs and startup files
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = tmp / "jupyterlab.log"
    started = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root)
    server = Lab(f"http://127.0.0.1:{port}", token, log, proc, started)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{server.log_tail()}")
            try:
                server.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer in {SERVER_START_TIMEOUT} s:\n"
                                f"{server.log_tail()}")
                time.sleep(0.25)
        yield server
    finally:
        _stop(server)
        _report_times(server, request)


def _stop(server: Lab) -> None:
    if server.proc.poll() is None:
        try:
            server.api("POST", "/api/shutdown")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        try:
            server.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.proc.terminate()
            try:
                server.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.proc.kill()
                server.proc.wait(timeout=10)


def _report_times(server: Lab, request: pytest.FixtureRequest) -> None:
    if not server.times:
        return
    lines = [f"{name}: {seconds:.1f} s" for name, seconds in server.times.items()]
    lines.append(f"total, server start to the last notebook done: {server.finished - server.started:.1f} s")
    TIMES.parent.mkdir(parents=True, exist_ok=True)
    TIMES.write_text("\n".join(lines) + "\n")
    request.config.browser_test_times = lines  # printed by conftest.pytest_terminal_summary


@pytest.fixture(scope="module")
def browser(lab: Lab, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Debian Chromium with a fresh profile."""
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()


def _expected(ipynb: Path) -> dict[str, int]:
    nb = nbformat.read(ipynb, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    outputs = [o for c in code for o in c.outputs]
    return {
        "code": len(code),
        "png": sum("image/png" in o.get("data", {}) for o in outputs),
        "widgets": sum(WIDGET_VIEW in o.get("data", {}) for o in outputs),
    }


def _wait_until_ready(page, lab: Lab, name: str, timeout_s: float) -> None:
    """The notebook is open, the server has an idle kernel for it, and the toolbar shows the
    kernel (not "No Kernel") as idle. (The toolbar says idle before a kernel exists.)"""
    deadline = time.monotonic() + timeout_s
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout_s * 1000)
    while not any(sess.get("path", "").endswith(name) and sess["kernel"]["execution_state"] == "idle"
                  for sess in lab.api("GET", "/api/sessions")):
        if time.monotonic() > deadline:
            pytest.fail(f"no idle kernel for {name} after {timeout_s} s:\n{lab.log_tail()}")
        time.sleep(0.25)
    page.wait_for_function(
        """() => {
            const bar = document.querySelector('.jp-NotebookPanel-toolbar');
            const name = bar && bar.querySelector('.jp-Toolbar-kernelName');
            const status = bar && bar.querySelector('.jp-Notebook-ExecutionIndicator');
            const label = name ? name.textContent.trim() : '';
            return label !== '' && !/No Kernel/.test(label) && status && status.dataset.status === 'idle';
        }""",
        timeout=max(deadline - time.monotonic(), 1) * 1000,
    )


def _wait_until_all_ran(page, n_code: int, timeout_s: float) -> None:
    page.wait_for_function(
        """(n) => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            const status = document.querySelector(
                '.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator');
            return prompts.length === n && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)) &&
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
def test_notebook_runs_in_jupyterlab(lab: Lab, browser, ipynb: Path) -> None:
    expected = _expected(ipynb)
    start = time.perf_counter()
    page = browser.new_page()
    try:
        # A workspace of its own, so no other notebook is restored into the page.
        page.goto(f"{lab.url}/lab/workspaces/{ipynb.stem}/tree/{ipynb.name}?token={lab.token}")
        _wait_until_ready(page, lab, ipynb.name, 90)
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
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{ipynb.stem}.png"), full_page=True)
            (SCREENSHOTS / f"{ipynb.stem}.html").write_text(page.content())  # the DOM, to debug
        except Exception as err:  # the page may be gone; the original failure matters
            print(f"could not save a screenshot: {err}", file=sys.stderr)
        print(f"JupyterLab log (tail):\n{lab.log_tail()}", file=sys.stderr)
        raise
    finally:
        page.close()
        _shutdown_kernels(lab)
        lab.finished = time.perf_counter()
        lab.times[ipynb.stem] = lab.finished - start


def _shutdown_kernels(lab: Lab) -> None:
    try:
        for session in lab.api("GET", "/api/sessions"):
            lab.api("DELETE", f"/api/sessions/{session['id']}")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        pass
