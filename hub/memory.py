"""Memory of a running hub, sampled in the background: the whole process tree, and each
student's share of it (the processes whose working folder lies in that student's home)."""

from __future__ import annotations

import threading
from collections import defaultdict
from pathlib import Path

import psutil

MIB = 2**20


class MemorySampler(threading.Thread):
    """Samples every ``interval`` seconds the descendants of ``root_pid`` until :meth:`stop`.

    Peaks kept: the whole tree's RSS and PSS (PSS counts a page shared by n processes as
    1/n, so it adds up to what the machine holds), and per student the RSS of their server
    and of their server plus kernels; also the latest RSS of the hub, proxy and culler.
    Every pid ever seen is kept, to check none outlives the hub.
    """

    def __init__(self, root_pid: int, homes: Path, interval: float = 0.25):
        super().__init__(daemon=True)
        self.root, self.homes, self.interval = psutil.Process(root_pid), homes, interval
        self.seen: dict[int, float] = {}  # pid -> create_time
        self.peak_rss = self.peak_pss = 0
        self.base = 0  # latest RSS of what serves no student in particular: hub, proxy, culler
        self.peak_student: dict[str, int] = defaultdict(int)
        self.peak_server: dict[str, int] = defaultdict(int)
        self._stopped = threading.Event()

    def run(self) -> None:
        count = 0
        while not self._stopped.wait(self.interval):
            count += 1
            try:
                self.sample(with_pss=count % 8 == 0)
            except psutil.Error:
                continue  # the tree changed under us: take the next sample

    def sample(self, with_pss: bool = False) -> None:
        """One sample: RSS of every process (cheap); PSS too when ``with_pss`` (it reads every
        page table, ~50x slower, so :meth:`run` asks for it on every 8th sample only)."""
        rss = pss = base = 0
        students: dict[str, int] = defaultdict(int)
        for proc in self.root.children(recursive=True):
            try:
                with proc.oneshot():
                    self.seen.setdefault(proc.pid, proc.create_time())
                    size = proc.memory_info().rss
                    pss += proc.memory_full_info().pss if with_pss else 0
                    owner = self._owner(Path(proc.cwd()))
                    server = "jupyterhub-singleuser" in " ".join(proc.cmdline())
            except psutil.Error:
                continue
            rss += size
            if owner is None:
                base += size
                continue
            students[owner] += size
            if server:
                self.peak_server[owner] = max(self.peak_server[owner], size)
        self.peak_rss, self.peak_pss, self.base = max(self.peak_rss, rss), max(self.peak_pss, pss), base
        for name, total in students.items():
            self.peak_student[name] = max(self.peak_student[name], total)

    def _owner(self, cwd: Path) -> str | None:
        return cwd.relative_to(self.homes).parts[0] if cwd.is_relative_to(self.homes) else None

    def stop(self) -> None:
        self._stopped.set()
        self.join()

    def survivors(self) -> list[psutil.Process]:
        """Processes sampled at some point that are still alive (same pid, same start time)."""
        alive = []
        for pid, created in self.seen.items():
            try:
                proc = psutil.Process(pid)
                if proc.create_time() == created and proc.status() != psutil.STATUS_ZOMBIE:
                    alive.append(proc)
            except psutil.Error:
                continue
        return alive
