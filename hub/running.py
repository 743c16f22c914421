"""``make hub`` as a process under test: start it, wait until it answers, stop it with a
signal as a terminal or ``kill`` would, and find any process it left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[1]


class RunningHub:
    """``make hub`` with the HUB_* variables in ``variables``, its output appended to ``log``."""

    def __init__(self, variables: dict[str, str], log: Path):
        self.variables, self.log = variables, log
        self.port = int(variables["HUB_PORT"])
        self.base = f"http://127.0.0.1:{self.port}"
        self.state = (ROOT / variables["HUB_STATE"]).resolve()
        with log.open("a") as out:
            # Started as a shell's background job would be, with SIGINT ignored (the hardest
            # case for stopping: an ignored signal is inherited), whatever started this test.
            self.process = subprocess.Popen(
                ["sh", "-c", 'trap "" INT; exec "$@"', "sh", os.environ.get("MAKE", "make"),
                 "--no-print-directory", "hub", *(f"{k}={v}" for k, v in variables.items())],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,  # a process group of its own, as a terminal gives it
            )
        self.started = time.monotonic()

    def wait_until_up(self, timeout: float = 60) -> float:
        """Seconds from ``make hub`` to the login page answering through the proxy."""
        while True:
            try:
                if requests.get(f"{self.base}/hub/login", timeout=5).status_code == 200:
                    return time.monotonic() - self.started
            except requests.ConnectionError:
                pass
            if self.process.poll() is not None:
                raise AssertionError(f"make hub exited with {self.process.returncode}:\n{self.tail()}")
            if time.monotonic() - self.started > timeout:
                raise AssertionError(f"the hub did not answer within {timeout} s:\n{self.tail()}")
            time.sleep(0.1)

    def stop(self, sig: signal.Signals, timeout: float = 30) -> float:
        """Send ``sig`` as Ctrl-C does (SIGINT to the whole process group) or as ``kill`` does
        (SIGTERM to make alone); return the seconds until make has exited."""
        start = time.monotonic()
        if sig == signal.SIGINT:
            os.killpg(self.process.pid, sig)
        else:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"the hub did not stop within {timeout} s of {sig.name}") from None
        return time.monotonic() - start

    def kill(self) -> None:
        """Last resort after a failure: kill make's group and every process working in HUB_STATE."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        for proc in self.leftovers():
            proc.kill()

    def leftovers(self) -> list[psutil.Process]:
        """Processes (as ``ps`` lists them) whose working folder or command line is in HUB_STATE:
        the hub, the proxy and the culler run in it, student servers and kernels in the homes."""
        found = []
        for proc in psutil.process_iter(["cmdline", "cwd"]):
            cwd, cmdline = proc.info["cwd"] or "", " ".join(proc.info["cmdline"] or [])
            if proc.pid != os.getpid() and (cwd.startswith(str(self.state)) or str(self.state) in cmdline):
                found.append(proc)
        return found

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
