"""What the hub does around each student's server: before it starts, the handouts are merged
into ~/handouts (nbgitpuller) and the server gets a port of its own and a private, short runtime
folder for its kernels' sockets; after it stops, both are given back."""

from __future__ import annotations

import asyncio
import shutil
import tempfile

from .handouts import pull_command
from .ports import ServerPorts
from .settings import HubSettings


class StudentServers:
    """``before_start`` and ``after_stop`` are JupyterHub's pre-spawn and post-stop hooks."""

    def __init__(self, settings: HubSettings):
        self.settings = settings
        self.ports = ServerPorts(reserved=set(settings.ports.values()))
        self.port_of: dict[str, int] = {}  # username -> the port their server holds

    async def before_start(self, spawner) -> None:
        name = spawner.user.name
        home = self.settings.home(name)
        home.mkdir(parents=True, exist_ok=True)
        process = await asyncio.create_subprocess_exec(
            *pull_command(self.settings.handouts_repo, home / "handouts"),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"could not update {name}'s handouts:\n{output.decode()}")
        # A Unix socket's path must stay under 108 bytes: a short folder, not one in HUB_STATE.
        runtime = tempfile.mkdtemp(prefix=f"hub-{spawner.user.id}-")  # mode 0700
        spawner.environment = {**spawner.environment, "JUPYTER_RUNTIME_DIR": runtime}
        spawner.port = self.port_of[name] = self.ports.take()

    def after_stop(self, spawner) -> None:
        self.ports.give_back(self.port_of.pop(spawner.user.name, 0))
        shutil.rmtree(spawner.environment.get("JUPYTER_RUNTIME_DIR", ""), ignore_errors=True)
