"""Ports for student servers: never two alike, never the hub's own, never one in use, never
from the range the kernel gives outgoing connections."""

from __future__ import annotations

import socket

import pytest

from hub.ports import ServerPorts, ephemeral_low


def test_ports_are_distinct_and_below_the_ephemeral_range():
    ports = ServerPorts(reserved={8000, 8001, 8002})
    taken = [ports.take() for _ in range(200)]
    assert len(set(taken)) == 200
    assert all(port < ephemeral_low() for port in taken)
    assert not {8000, 8001, 8002} & set(taken)


def test_a_port_in_use_or_handed_out_is_never_handed_out_again():
    with socket.socket() as held, socket.socket() as probe:
        held.bind(("127.0.0.1", 0))
        held.listen()
        probe.bind(("127.0.0.1", 0))
        busy, free = held.getsockname()[1], probe.getsockname()[1]
        probe.close()
        ports = ServerPorts(reserved=set(), candidates=[busy, free])
        assert ports.take() == free, "a port held by another socket was handed out"
        with pytest.raises(RuntimeError, match="no free port left"):
            ports.take()
        ports.give_back(free)
        assert ports.take() == free
