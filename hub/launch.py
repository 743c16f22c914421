"""``make hub``: check everything a class needs, then become JupyterHub.

Each check fails at once with a message naming the problem and the fix, before anything has
started: a port in use (a plain JupyterHub would keep restarting its proxy instead of exiting),
a missing or empty roster, an unwritable HUB_STATE, missing handouts or a missing proxy.
Then the handouts are published and this process is replaced by ``jupyterhub``, so Ctrl-C
and SIGTERM reach the hub itself, which stops the proxy and every student server.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from pathlib import Path

from .handouts import publish
from .settings import HubSettings, HubSettingsError, from_env

ROOT = Path(__file__).resolve().parents[1]
CONFIG = Path(__file__).resolve().with_name("jupyterhub_config.py")
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"


def check_ports_free(settings: HubSettings) -> None:
    """Raise HubSettingsError naming the first of the hub's ports that something holds."""
    for role, port in settings.ports.items():
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers bind
            try:
                probe.bind(("127.0.0.1", port))
            except OSError as err:
                raise HubSettingsError(
                    f"port {port} ({role}) on 127.0.0.1 is in use ({err.strerror}); "
                    f"stop what holds it (see `ss -ltnp 'sport = :{port}'`) or pick a "
                    f"HUB_PORT three or more away, e.g. make hub HUB_PORT={settings.port + 10}"
                ) from None


def prepare_state(settings: HubSettings) -> None:
    """Create HUB_STATE readable by this Unix account only; raise if it cannot be written."""
    try:
        settings.state.mkdir(mode=0o700, parents=True, exist_ok=True)
        settings.state.chmod(0o700)
        probe = settings.state / ".write-test"
        probe.write_text("")
        probe.unlink()
        settings.homes.mkdir(mode=0o700, exist_ok=True)
    except OSError as err:
        raise HubSettingsError(
            f"HUB_STATE={settings.state} is not a writable folder ({err.strerror}); "
            f"choose one you can write, e.g. make hub HUB_STATE=$HOME/lecture08-hub"
        ) from None


def main() -> None:
    os.umask(0o077)  # the database, secrets, passwords and homes: this account only
    try:
        settings = from_env()
        check_ports_free(settings)
        prepare_state(settings)
        if not PROXY.is_file():
            raise HubSettingsError(f"{PROXY} is missing; install it with `npm ci` (make hub does)")
        publish(settings.handouts, settings.handouts_repo)
    except (ValueError, RuntimeError) as err:  # bad settings, missing handouts, git failing
        sys.exit(f"make hub: {err}")
    os.environ.update(settings.environ())  # absolute paths: the hub's folder is HUB_STATE
    os.chdir(settings.state)  # whatever JupyterHub writes by default lands in HUB_STATE too
    url = f"http://127.0.0.1:{settings.port}"
    who = f"{len(settings.roster)} students on the roster" if settings.roster else "open sign-up"
    print(f"make hub: JupyterHub on {url} ({who}); state in {settings.state}", flush=True)
    print(f"make hub: log in first as {settings.admin!r} at {url}/hub/login: the password you "
          f"type then becomes the admin password. Stop with Ctrl-C.", flush=True)
    # A shell's background job ignores SIGINT, and an ignored signal stays ignored across exec:
    # the culler and the servers would then ignore the hub's SIGINT when it stops them, and it
    # would wait out its timeouts for each. Restore the defaults, as in a terminal.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    jupyterhub = str(Path(sys.executable).parent / "jupyterhub")
    os.execv(jupyterhub, [jupyterhub, "--config", str(CONFIG)])


if __name__ == "__main__":
    main()
