"""``make hub-test``: a class of eight meets a throw-away ``make hub``, and the figures are kept.

    python -m hub.class_test [--out build/hub] [--students 8] [--cull-seconds 8]

Bad input (a missing or empty roster, an unwritable HUB_STATE, a bad or taken port) must stop
``make hub`` at once. First hub: the admin and then every student log in through the login form
at once (XSRF as a browser sends it), their servers start through the REST API, and each student
runs one handout in their own kernel over its websocket, up to the first exercise; meanwhile one
student runs the heaviest solution notebook in full, and another saves a notebook and restarts
their server. Students must not reach each other's server, files or kernels, nor the admin API;
a wrong password, a name off the roster and malformed names are refused. Ctrl-C must stop
everything. Second hub, on the same state with changed handouts: passwords and the saved
notebook survive, new and changed handouts arrive without touching the student's edit, an idle
server is culled, and SIGTERM must stop everything.
Any traceback in the log fails the test. The figures go to OUT/report.json and are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import nbformat
import psutil
import websocket

from .kernel_channel import KernelChannel
from .memory import MIB, MemorySampler
from .running import RunningHub
from .sizing import markdown, pod
from .student import Student

ROOT = Path(__file__).resolve().parents[1]
HANDOUTS = ROOT / "build" / "student"
#: The solution notebook run in full by one student: the heaviest (MNIST softmax regression).
HEAVIEST = ROOT / "notebooks" / "06_softmax_regression.ipynb"
ADMIN = "instructor"
DENIED = (403, 404)


def free_ports(count: int = 3) -> int:
    """A port p with p … p+count-1 all free on 127.0.0.1."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + count > 65535:
            continue
        try:
            for port in range(base, base + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue


_STARTED = time.monotonic()


def step(message: str) -> None:
    print(f"hub-test [{time.monotonic() - _STARTED:5.1f} s] {message}", flush=True)


def summary(values: list[float], digits: int = 1) -> dict[str, float]:
    return {"median": round(statistics.median(values), digits), "max": round(max(values), digits)}


class ClassTest:
    def __init__(self, work: Path, out: Path, students: int, cull_seconds: int):
        self.work, self.out, self.cull_seconds = work, out, cull_seconds
        self.state, self.handouts = work / "state", work / "handouts"
        shutil.copytree(HANDOUTS, self.handouts)
        self.notebooks = sorted(p.name for p in self.handouts.glob("*.ipynb"))
        assert self.notebooks, f"no handouts in {HANDOUTS}"
        self.names = [f"student{i}" for i in range(1, students + 1)]
        (work / "roster.txt").write_text("# the class\n" + "\n".join(self.names) + "\n")
        self.port = free_ports()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = out / "hub.log"
        self.log.write_text("")
        self.report: dict = {"students": students}

    def variables(self, cull_seconds: int) -> dict[str, str]:
        # HUB_STATE relative to the repository, as make hub's default is.
        return {"HUB_PORT": str(self.port), "HUB_STATE": os.path.relpath(self.state, ROOT),
                "HUB_ROSTER": str(self.work / "roster.txt"), "HUB_ADMIN": ADMIN,
                "HUB_CULL_S": str(cull_seconds), "HUB_HANDOUTS": str(self.handouts)}

    # -- the whole scenario ------------------------------------------------------------------
    def run(self) -> dict:
        started = time.monotonic()
        admin = Student(self.base, ADMIN, secrets.token_urlsafe(12))
        students = [Student(self.base, name, secrets.token_urlsafe(12)) for name in self.names]
        self.first_hub(admin, students)
        self.update_handouts()
        self.second_hub(students[-1])
        self.check_log()
        self.report["test_s"] = round(time.monotonic() - started, 1)
        return self.report

    def refused(self, problem: str, **changes: str) -> None:
        """``make hub`` with ``changes`` must stop at once, naming ``problem``."""
        begin = time.monotonic()
        run = subprocess.run(
            [os.environ.get("MAKE", "make"), "--no-print-directory", "hub",
             *(f"{k}={v}" for k, v in {**self.variables(3600), **changes}.items())],
            cwd=ROOT, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        took = time.monotonic() - begin
        assert run.returncode != 0 and problem in run.stderr, \
            f"make hub with {changes} did not stop on {problem!r}:\n{run.stdout}{run.stderr}"
        assert took < 15, f"make hub took {took:.0f} s to refuse {changes}"

    def bad_input(self) -> None:
        not_a_folder = self.work / "a-file"
        not_a_folder.write_text("")
        (self.work / "empty-roster.txt").write_text("# nobody yet\n")
        self.refused("does not exist", HUB_ROSTER=str(self.work / "no-roster.txt"))
        self.refused("lists no usernames", HUB_ROSTER=str(self.work / "empty-roster.txt"))
        self.refused("not a writable folder", HUB_STATE=str(not_a_folder / "state"))
        self.refused("must be a port number", HUB_PORT="http")
        step("make hub refused a missing roster, an empty roster, an unwritable HUB_STATE, a bad port")

    def first_hub(self, admin: Student, students: list[Student]) -> None:
        self.bad_input()
        hub = RunningHub(self.variables(3600), self.log)
        with self.watching(hub, "hub_start_s") as sampler:
            self.refused("is in use", HUB_STATE=str(self.work / "second-state"))
            step("a second make hub on the same port refused at once; the first hub kept running")
            assert f"log in first as {ADMIN!r}" in self.log.read_text(), "make hub printed no admin hint"
            assert admin.login().status_code == 302 and admin.logged_in, "the admin could not log in"
            self.log_in(students)
            self.private_state()
            self.refusals(students[0])
            self.spawn(students)
            kernels = self.run_handouts(students)
            self.isolation(students[0], students[1], kernels[students[0].name])
            self.memory(sampler, kernels)
            self.stop(hub, sampler, signal.SIGINT, "stop_sigint_s")

    def second_hub(self, student: Student) -> None:
        hub = RunningHub(self.variables(self.cull_seconds), self.log)
        with self.watching(hub, "hub_restart_s") as sampler:
            again = Student(self.base, student.name, student.password)  # a fresh browser
            assert again.login("wrong password!").status_code == 403, "a wrong password after a restart"
            assert again.login().status_code == 302, "the first password did not survive the restart"
            ready_at = self.start(again)
            self.check_updated_handouts(again)
            step(f"waiting for the culler (HUB_CULL_S={self.cull_seconds}) to stop an idle server")
            again.wait_until(ready=False, timeout=self.cull_seconds * 2 + 60)
            self.report["cull_after_s"] = round(time.monotonic() - ready_at, 1)
            assert "Culling server" in self.log.read_text(), "the idle culler did not log a cull"
            step(f"idle server culled {self.report['cull_after_s']} s after it was ready")
            self.stop(hub, sampler, signal.SIGTERM, "stop_sigterm_s")

    # -- pieces ------------------------------------------------------------------------------
    @contextmanager
    def watching(self, hub: RunningHub, figure: str):
        """Wait for ``hub`` (its start time is ``figure``) and sample its memory; on any
        failure print the log's tail and kill whatever the hub started."""
        sampler = None
        try:
            self.report[figure] = round(hub.wait_until_up(), 2)
            step(f"hub up on {self.base} in {self.report[figure]} s")
            sampler = MemorySampler(hub.process.pid, self.state / "homes")
            sampler.start()
            yield sampler
        except BaseException:
            if sampler is not None:
                sampler.stop()
            print(hub.tail(), file=sys.stderr)
            hub.kill()
            raise

    def log_in(self, students: list[Student]) -> None:
        with ThreadPoolExecutor(len(students)) as pool:
            replies = list(pool.map(lambda s: s.login(), students))
        for student, reply in zip(students, replies, strict=True):
            assert reply.status_code == 302 and student.logged_in, \
                f"{student.name}'s first login failed: {reply.status_code}"
        step(f"{len(students)} students logged in at once through /hub/login (first login sets the password)")

    def private_state(self) -> None:
        """The database, cookie secret, passwords and homes: for the hub's account only."""
        for path in [self.state, *self.state.iterdir()]:
            assert not path.stat().st_mode & 0o077, f"other accounts may read {path}"
        step("HUB_STATE and everything in it: no access for other Unix accounts")

    def refusals(self, student: Student) -> None:
        wrong = Student(self.base, student.name, "not-the-password")
        off_roster = Student(self.base, "mallory", "a-good-password")
        for who in (wrong, off_roster):
            reply = who.login()
            assert reply.status_code == 403 and "Invalid username or password" in reply.text \
                and not who.logged_in, f"{who.name} with a wrong password or off the roster got in"
        for bad in ("../x", "a/b", "has space", "bell\x07", "..", "x\n"):
            assert Student(self.base, bad, "a-good-password").login().status_code == 403, f"{bad!r} got in"
        assert not (self.work / "x").exists() and not (self.state / "x").exists(), "a name left its home"
        no_xsrf = student.session.post(f"{self.base}/hub/api/users/{student.name}/tokens", timeout=30)
        assert no_xsrf.status_code == 403, "a cookie API call without the X-XSRFToken header was accepted"
        step("wrong password, off-roster name, 6 malformed names and a call without XSRF: refused")

    def start(self, student: Student) -> float:
        """Start the student's server through the REST API; return when it is ready."""
        begin = time.monotonic()
        reply = student.start_server()
        assert reply.status_code in (201, 202), f"{student.name}'s server: {reply.status_code} {reply.text}"
        student.wait_until(ready=True, timeout=150)
        student.spawn_s = time.monotonic() - begin
        if student.token is None:
            student.mint_token()
        return time.monotonic()

    def spawn(self, students: list[Student]) -> None:
        with ThreadPoolExecutor(len(students)) as pool:
            list(pool.map(self.start, students))
        self.report["spawn_s"] = summary([s.spawn_s for s in students])
        step(f"{len(students)} servers started at once: spawn {self.report['spawn_s']} s")

    def open_kernel(self, student: Student, notebook: str) -> tuple[str, KernelChannel]:
        reply = student.server_api("POST", student.name, "sessions", json={
            "path": f"handouts/{notebook}", "name": notebook, "type": "notebook",
            "kernel": {"name": "python3"}})
        assert reply.status_code == 201, f"{student.name} could not start a kernel: {reply.status_code}"
        kernel = reply.json()["kernel"]["id"]
        url = f"ws://127.0.0.1:{self.port}/user/{quote(student.name)}/api/kernels/{kernel}/channels"
        return kernel, KernelChannel(url, student.token)

    def kernel_usage(self, channel: KernelChannel) -> dict[str, float]:
        result = channel.execute(
            "import resource; u = resource.getrusage(resource.RUSAGE_SELF); "
            "print(u.ru_maxrss, u.ru_utime + u.ru_stime)")
        peak_kib, cpu = result.stdout.split()
        return {"kernel_peak_mib": int(peak_kib) / 1024, "kernel_cpu_s": float(cpu)}

    def run_handout(self, student: Student, notebook: str) -> dict:
        listing = student.server_api("GET", student.name, "contents/handouts")
        assert listing.status_code == 200, f"{student.name} has no handouts folder: {listing.status_code}"
        names = sorted(item["name"] for item in listing.json()["content"] if item["type"] == "notebook")
        assert names == self.notebooks, f"{student.name}'s handouts {names} != {self.notebooks}"
        model = student.server_api("GET", student.name, f"contents/handouts/{notebook}")
        cells = nbformat.from_dict(model.json()["content"]).cells
        kernel, channel = self.open_kernel(student, notebook)
        try:
            where = channel.execute("import os, sys; print(sys.prefix); print(os.getcwd())").stdout
            where = where.split("\n")
            assert Path(where[0]) == Path(sys.prefix), f"{student.name}'s kernel is {where[0]}, not .venv"
            assert Path(where[1]) == self.state / "homes" / student.name / "handouts", where[1]
            begin, ran, reached = time.monotonic(), 0, False
            for cell in (c for c in cells if c.cell_type == "code"):
                result = channel.execute(cell.source)
                if result.status == "error":
                    assert result.ename == "NotImplementedError", \
                        f"{student.name}: {notebook} failed before its first exercise: {result.outputs}"
                    reached = True
                    break
                ran += 1
            usage = {"run_s": time.monotonic() - begin, "cells": ran, "exercise": reached,
                     **self.kernel_usage(channel)}
        finally:
            channel.close()
        return {"kernel": kernel, **usage}

    def run_handouts(self, students: list[Student]) -> dict[str, str]:
        """Every student runs a handout at once; meanwhile the first runs the heaviest notebook
        in full in a second kernel, and the last, done, saves a notebook and restarts their
        server. Return each student's handout kernel."""
        def run_then_restart(student: Student, notebook: str) -> dict:
            run = self.run_handout(student, notebook)
            self.save_and_restart(student)
            return run

        picks = [self.notebooks[i % len(self.notebooks)] for i in range(len(students))]
        with ThreadPoolExecutor(len(students) + 1) as pool:
            heaviest = pool.submit(self.run_heaviest, students[0])
            *others, last = zip(students, picks, strict=True)
            tasks = [pool.submit(self.run_handout, *pair) for pair in others]
            tasks.append(pool.submit(run_then_restart, *last))
            runs = [task.result() for task in tasks]
            self.report["full_notebook"] = heaviest.result()
        self.runs = dict(zip((s.name for s in students), runs, strict=True))
        self.report["handout_run_s"] = summary([r["run_s"] for r in runs])
        self.report["handout_kernel_peak_mib"] = summary([r["kernel_peak_mib"] for r in runs], 0)
        self.report["handout_kernel_cpu_s"] = summary([r["kernel_cpu_s"] for r in runs])
        step(f"{len(students)} kernels ran their handout up to the first exercise at once: "
             f"{self.report['handout_run_s']} s, kernel peak {self.report['handout_kernel_peak_mib']} MiB")
        step(f"meanwhile {students[0].name} ran all of {HEAVIEST.name}: {self.report['full_notebook']}")
        return {name: run["kernel"] for name, run in self.runs.items()}

    def run_heaviest(self, student: Student) -> dict:
        kernel, channel = self.open_kernel(student, self.notebooks[-1])
        try:
            begin = time.monotonic()
            for cell in nbformat.read(HEAVIEST, as_version=4).cells:
                if cell.cell_type == "code":
                    result = channel.execute(cell.source)
                    assert result.status == "ok", f"{HEAVIEST.name} failed in a kernel: {result.outputs}"
            usage = {"notebook": HEAVIEST.name, "run_s": round(time.monotonic() - begin, 1),
                     **{k: round(v, 1) for k, v in self.kernel_usage(channel).items()}}
        finally:
            channel.close()
        student.server_api("DELETE", student.name, f"kernels/{kernel}")
        return usage

    def isolation(self, victim: Student, intruder: Student, kernel: str) -> None:
        notebook = self.notebooks[0]
        for path in ("contents", f"contents/handouts/{notebook}", f"kernels/{kernel}", "sessions"):
            status = intruder.server_api("GET", victim.name, path).status_code
            assert status in DENIED, f"{intruder.name} read {victim.name}'s {path}: {status}"
        url = f"ws://127.0.0.1:{self.port}/user/{victim.name}/api/kernels/{kernel}/channels"
        try:
            KernelChannel(url, intruder.token, timeout=15).close()
            raise AssertionError(f"{intruder.name} opened {victim.name}'s kernel websocket")
        except websocket.WebSocketBadStatusException as refused:
            assert refused.status_code in DENIED, refused
        browser = intruder.session.get(f"{self.base}/user/{victim.name}/lab", timeout=30)
        assert browser.status_code in DENIED, f"{intruder.name} opened {victim.name}'s JupyterLab"
        for escape in (f"..%2F{victim.name}", f"%2E%2E/{victim.name}/handouts"):
            status = intruder.server_api("GET", intruder.name, f"contents/{escape}").status_code
            assert status != 200, f"{intruder.name} left their home through {escape!r}"
        for method, path in (("POST", f"users/{victim.name}/server"), ("POST", f"users/{victim.name}/tokens"),
                             ("DELETE", f"users/{victim.name}/server"), ("GET", f"users/{victim.name}")):
            status = intruder.hub_api(method, path).status_code
            assert status in DENIED, f"{intruder.name} may {method} {path}: {status}"
        for method, path in (("POST", "users/newcomer"), ("GET", "proxy"), ("POST", "shutdown")):
            status = intruder.hub_api(method, path).status_code
            assert status == 403, f"a student called the admin API {method} /hub/api/{path}: {status}"
        listed = intruder.hub_api("GET", "users")
        assert listed.status_code == 403 or [u["name"] for u in listed.json()] == [intruder.name], \
            "a student listed the other users"
        assert intruder.session.get(f"{self.base}/hub/admin", timeout=30).status_code == 403
        step(f"{intruder.name} cannot reach {victim.name}'s server, files, kernels or the admin API")

    def save_and_restart(self, student: Student) -> None:
        self.marker = f"answer of {student.name} {secrets.token_hex(4)}"
        self.edited, self.untouched = self.notebooks[0], self.notebooks[1]
        path = f"contents/handouts/{self.edited}"
        model = student.server_api("GET", student.name, path).json()
        model["content"]["cells"].append(nbformat.v4.new_markdown_cell(self.marker))
        saved = student.server_api("PUT", student.name, path, json={
            "type": "notebook", "format": "json", "content": model["content"]})
        assert saved.status_code == 200, f"saving failed: {saved.status_code} {saved.text}"
        assert student.stop_server().status_code in (202, 204)
        student.wait_until(ready=False, timeout=60)
        self.start(student)
        text = student.server_api("GET", student.name, path).text
        assert self.marker in text, "the saved notebook did not survive a server restart"
        step(f"{student.name}'s saved notebook survived a server restart")

    def memory(self, sampler: MemorySampler, kernels: dict[str, str]) -> None:
        servers = [sampler.peak_server[name] / MIB for name in kernels]
        peaks = [sampler.peak_server[name] / MIB + self.runs[name]["kernel_peak_mib"] for name in kernels]
        first = self.names[0]
        self.report["server_peak_mib"] = summary(servers, 0)
        self.report["student_peak_mib"] = summary(peaks, 0)  # server + kernel, handout to first exercise
        self.report["student_full_notebook_peak_mib"] = round(
            sampler.peak_server[first] / MIB + self.report["full_notebook"]["kernel_peak_mib"])
        self.report["student_two_kernels_sampled_mib"] = round(sampler.peak_student[first] / MIB)
        self.report["hub_base_mib"] = round(sampler.base / MIB)  # hub, proxy, culler after the class
        self.report["hub_peak_rss_mib"] = round(sampler.peak_rss / MIB)
        self.report["hub_peak_pss_mib"] = round(sampler.peak_pss / MIB)

    def update_handouts(self) -> None:
        """What an instructor does between classes: change two handouts, add a file."""
        for name in (self.edited, self.untouched):
            notebook = nbformat.read(self.handouts / name, as_version=4)
            notebook.cells.append(nbformat.v4.new_markdown_cell(f"Update to {name}"))
            nbformat.write(notebook, self.handouts / name)
        (self.handouts / "extra_reading.md").write_text("# Further reading\n")

    def check_updated_handouts(self, student: Student) -> None:
        def text(name: str) -> str:
            reply = student.server_api("GET", student.name, f"contents/handouts/{name}")
            assert reply.status_code == 200, f"{name} missing from {student.name}'s handouts"
            return reply.text
        assert self.marker in text(self.edited), "the student's saved answer was overwritten"
        assert f"Update to {self.untouched}" in text(self.untouched), "a changed handout did not arrive"
        text("extra_reading.md")
        step("after a hub restart: password and saved answer kept, changed and new handouts arrived")

    def stop(self, hub: RunningHub, sampler: MemorySampler, sig: signal.Signals, figure: str) -> None:
        self.report[figure] = round(hub.stop(sig), 1)
        sampler.stop()
        left = {p.pid: p for p in [*sampler.survivors(), *hub.leftovers()]}
        assert not left, f"processes left after {sig.name}: {[p.cmdline() for p in left.values()]}"
        step(f"{sig.name} stopped the hub, proxy, servers and kernels in {self.report[figure]} s; "
             "no process left")

    def check_log(self) -> None:
        """No Python traceback from the hub, the culler or a server, no JavaScript stack trace
        from the proxy."""
        lines = self.log.read_text(errors="replace").splitlines()
        traces = [n for n, line in enumerate(lines) if "Traceback (most recent call last)" in line
                  or re.match(r"\s+at .+:\d+:\d+\)?$", line)]
        assert not traces, f"traceback in {self.log}:\n" + "\n".join(lines[traces[0]:traces[0] + 25])


def machine() -> dict:
    """The machine, and how busy other work kept it (load average over the test's minutes)."""
    return {"cpus": psutil.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "load_average_5min": round(os.getloadavg()[1], 1),
            "python": platform.python_version(), "platform": platform.platform(terse=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "hub")
    parser.add_argument("--students", type=int, default=8)
    parser.add_argument("--cull-seconds", type=int, default=8)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hub-test-") as work:
        report = ClassTest(Path(work), args.out, args.students, args.cull_seconds).run()
    report["machine"] = machine()
    report["pod"] = pod(report)
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    print(markdown(report))
    step(f"passed; figures in {args.out / 'report.json'}")


if __name__ == "__main__":
    main()
