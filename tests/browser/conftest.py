"""Shared fixtures of the real-browser tests.

Debian's Chromium (``/usr/bin/chromium``, from ``apt-get install chromium chromium-driver``) is
driven by the Python ``playwright`` package; ``playwright install`` is never used. Every page
runs offline: a request that would leave this machine is aborted and recorded. One JupyterLab
server (127.0.0.1, random port and token) serves a temporary copy of ``notebooks/``.

Without Chromium the tests are skipped, except when ``CI`` is set: then they fail. Timings
are printed in pytest's summary and written to ``build/browser-test-times.txt``; on failure
a screenshot and the page's DOM go to ``build/browser-screenshots/``.
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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tools import manifest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = manifest.notebooks()
CHROMIUM = Path("/usr/bin/chromium")
TIMES = ROOT / "build" / "browser-test-times.txt"
SCREENSHOTS = ROOT / "build" / "browser-screenshots"
SERVER_START_TIMEOUT = 90  # s
CHROMIUM_ARGS = [
    "--no-sandbox",  # required as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Any URL but a file or this machine's own servers (data: and blob: URLs are never routed).
LEAVES_THE_MACHINE = re.compile(r"^(?!file:|https?://(?:127\.0\.0\.1|localhost)[:/])")

# JupyterLab user settings: nothing reaches the network (RISE's "white" theme has its font on
# disk, its default theme imports Google Fonts), every cell is attached to the DOM (windowing
# off), the kernel named in the notebook starts without a dialog.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none", "autoStartDefaultKernel": True},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "jupyterlab-rise/plugin.jupyterlab-settings": {"theme": "white"},
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
            pytest.fail(f"CI is set, so the browser tests must run: {missing}", pytrace=False)
        pytest.skip(f"real-browser test skipped: {missing}")


@pytest.fixture(scope="session")
def timings(request: pytest.FixtureRequest) -> dict[str, dict[str, float]]:
    """Seconds per (section, name), printed in pytest's summary."""
    times: dict[str, dict[str, float]] = {}
    request.config.browser_timings = times
    return times


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    times = getattr(config, "browser_timings", None)
    if not times:
        return
    lines = []
    for section, entries in times.items():
        terminalreporter.write_sep("-", section)
        for name, seconds in entries.items():
            terminalreporter.write_line(f"{name}: {seconds:.1f} s")
            lines.append(f"{section} | {name}: {seconds:.1f} s")
    TIMES.parent.mkdir(parents=True, exist_ok=True)
    TIMES.write_text("\n".join(lines) + "\n")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Headless Debian Chromium (a playwright Browser)."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class OfflineBrowser:
    """A fresh browser context in which every request leaving the machine is aborted; the
    aborted URLs are kept in ``blocked``."""
    context: object
    blocked: list[str] = field(default_factory=list)

    def new_page(self):
        return self.context.new_page()

    @staticmethod
    def keep_evidence(page, name: str) -> None:
        """Save a screenshot and the DOM of ``page`` to build/browser-screenshots/ (on failure)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
            (SCREENSHOTS / f"{name}.html").write_text(page.content())
        except Exception as err:  # the page may be gone; the original failure matters
            print(f"could not save a screenshot: {err}", file=sys.stderr)


@contextmanager
def _offline(chromium) -> Iterator[OfflineBrowser]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    offline = OfflineBrowser(context)

    def abort(route) -> None:
        offline.blocked.append(route.request.url)
        route.abort()

    context.route(LEAVES_THE_MACHINE, abort)
    try:
        yield offline
    finally:
        context.close()


@pytest.fixture(scope="module")
def browser(chromium) -> Iterator[OfflineBrowser]:
    """One offline browser context for a test module."""
    with _offline(chromium) as offline:
        yield offline


@pytest.fixture
def offline_browser(chromium) -> Iterator[OfflineBrowser]:
    """An offline browser context of the test's own (for counting what it blocked)."""
    with _offline(chromium) as offline:
        yield offline


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

    def api(self, method: str, path: str) -> object:
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def open(self, page, name: str, timeout_s: float = 90) -> None:
        """Open notebook ``name`` in a workspace of its own and wait until it is ready."""
        page.goto(f"{self.url}/lab/workspaces/{Path(name).stem}/tree/{name}?token={self.token}")
        self.wait_until_ready(page, name, timeout_s)

    def wait_until_ready(self, page, name: str, timeout_s: float) -> None:
        """The notebook is open, the server has an idle kernel for it, and the toolbar shows
        the kernel (not "No Kernel") as idle. (The toolbar says idle before a kernel exists.)"""
        deadline = time.monotonic() + timeout_s
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout_s * 1000)
        while not any(s.get("path", "").endswith(name) and s["kernel"]["execution_state"] == "idle"
                      for s in self.api("GET", "/api/sessions")):
            if time.monotonic() > deadline:
                pytest.fail(f"no idle kernel for {name} after {timeout_s} s:\n{self.log_tail()}")
            time.sleep(0.25)
        page.wait_for_function(
            """() => {
                const bar = document.querySelector('.jp-NotebookPanel-toolbar');
                const name = bar && bar.querySelector('.jp-Toolbar-kernelName');
                const status = bar && bar.querySelector('.jp-Notebook-ExecutionIndicator');
                const label = name ? name.textContent.trim() : '';
                return label !== '' && !/No Kernel/.test(label) && status &&
                       status.dataset.status === 'idle';
            }""",
            timeout=max(deadline - time.monotonic(), 1) * 1000,
        )

    def shutdown_kernels(self) -> None:
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
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
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)  # where RISE's slideshow reads them
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
