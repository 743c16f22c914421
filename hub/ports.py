"""Ports for the students' servers, handed out by the hub so that no two servers, and no
outgoing connection, can take the same one.

JupyterHub's default picks any free port and lets the server bind it later, which on a busy
machine is many seconds later: by then another student's server (or the kernel's choice of a
local port for some connection) may hold it, the server fails to start, and the hub can route
that student to the wrong server. Ports here come from below the kernel's ephemeral range (where
outgoing connections take theirs), are checked free, and stay reserved until the server stops.
"""

from __future__ import annotations

import random
import socket
from collections.abc import Sequence
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def ephemeral_low() -> int:
    """The lowest port the kernel gives outgoing connections (Linux: 32768 by default)."""
    try:
        return int(EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers bind
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class ServerPorts:
    """Hands out free ports from ``candidates`` (default: the 10,000 ports below the ephemeral
    range), never one in ``reserved`` or still held by a server that has not stopped."""

    def __init__(self, reserved: set[int], candidates: Sequence[int] | None = None):
        low = ephemeral_low()
        self.candidates = candidates or range(max(1024, low - 10_000), low)
        self.in_use = set(reserved)

    def take(self) -> int:
        for port in random.sample(self.candidates, len(self.candidates)):
            if port not in self.in_use and is_free(port):
                self.in_use.add(port)
                return port
        raise RuntimeError(f"no free port left for a student's server among {self.candidates}")

    def give_back(self, port: int) -> None:
        self.in_use.discard(port)
