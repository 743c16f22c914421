"""The hub's settings, read from the environment ``make hub`` passes and checked once.

    HUB_PORT     public port on 127.0.0.1; the proxy's API listens on HUB_PORT+1 and the hub
                 itself on HUB_PORT+2, so hubs three or more ports apart run side by side
    HUB_STATE    folder for the database, secrets, passwords and every student's home
    HUB_ROSTER   file with one username a line (``#`` starts a comment); empty: anyone may sign up
    HUB_ADMIN    the admin's username
    HUB_CULL_S   seconds of inactivity after which a student's server is stopped
    HUB_HANDOUTS folder of handouts copied into every home (what ``make student`` writes)

The defaults live in the Makefile (``make help`` shows them). Every bad value raises a
:class:`HubSettingsError` that names the variable and the fix.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .names import is_valid_username

VARIABLES = ("HUB_PORT", "HUB_STATE", "HUB_ROSTER", "HUB_ADMIN", "HUB_CULL_S", "HUB_HANDOUTS")


class HubSettingsError(ValueError):
    """A setting ``make hub`` cannot start with; the message says how to fix it."""


@dataclass(frozen=True)
class HubSettings:
    port: int
    state: Path
    roster_file: Path | None  # None: open sign-up
    roster: tuple[str, ...] | None
    admin: str
    cull_seconds: int
    handouts: Path

    @property
    def ports(self) -> dict[str, int]:
        """Every port the hub listens on, by role."""
        return {"the public port, HUB_PORT": self.port, "the proxy's API": self.port + 1,
                "the hub's API": self.port + 2}

    @property
    def homes(self) -> Path:
        return self.state / "homes"

    @property
    def handouts_repo(self) -> Path:
        """The git repository the handouts are published to and pulled from."""
        return self.state / "handouts.git"

    def home(self, username: str) -> Path:
        return self.homes / username

    def environ(self) -> dict[str, str]:
        """The settings as HUB_* variables with absolute paths, for processes that start in
        another folder (the hub runs in HUB_STATE)."""
        return {"HUB_PORT": str(self.port), "HUB_STATE": str(self.state),
                "HUB_ROSTER": str(self.roster_file or ""), "HUB_ADMIN": self.admin,
                "HUB_CULL_S": str(self.cull_seconds), "HUB_HANDOUTS": str(self.handouts)}


def _port(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 65533:
        raise HubSettingsError(
            f"HUB_PORT must be a port number from 1 to 65533 (the hub also uses the next two), "
            f"got {text!r}; e.g. make hub HUB_PORT=8000"
        )
    return int(text)


def _cull_seconds(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise HubSettingsError(f"HUB_CULL_S must be a whole number of seconds >= 1, got {text!r}")
    return int(text)


def _admin(text: str) -> str:
    if not is_valid_username(text):
        raise HubSettingsError(
            f"HUB_ADMIN={text!r} is not a valid username: use lower-case letters, digits and "
            f". _ - @, starting with a letter or a digit; e.g. make hub HUB_ADMIN=instructor"
        )
    return text


def read_roster(path: Path) -> tuple[str, ...]:
    """The usernames in a roster file: one a line, blank lines and ``#`` comments skipped,
    lower-cased as the login form does. Missing, empty or invalid files raise."""
    if not path.is_file():
        raise HubSettingsError(
            f"HUB_ROSTER={path} does not exist; write one username a line there, "
            f"or leave HUB_ROSTER empty to let anyone sign up"
        )
    names, bad = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        name = line.split("#", 1)[0].strip().lower()
        if name:
            (names if is_valid_username(name) else bad).append((number, name))
    if bad:
        listed = ", ".join(f"line {n}: {name!r}" for n, name in bad)
        raise HubSettingsError(
            f"HUB_ROSTER={path} has invalid usernames ({listed}); use lower-case letters, "
            f"digits and . _ - @, starting with a letter or a digit"
        )
    if not names:
        raise HubSettingsError(
            f"HUB_ROSTER={path} lists no usernames; write one username a line "
            f"(or leave HUB_ROSTER empty to let anyone sign up)"
        )
    return tuple(dict.fromkeys(name for _, name in names))


def from_env(environ: Mapping[str, str] = os.environ) -> HubSettings:
    """The settings in ``environ``; paths are made absolute against the current folder."""
    missing = [name for name in VARIABLES if name not in environ]
    if missing:
        raise HubSettingsError(f"{', '.join(missing)} not set; start the hub with `make hub`")
    for name in ("HUB_STATE", "HUB_HANDOUTS"):
        if not environ[name].strip():
            raise HubSettingsError(f"{name} is empty; give it a folder, or leave it unset for the default")
    roster_file = Path(environ["HUB_ROSTER"]).absolute() if environ["HUB_ROSTER"].strip() else None
    return HubSettings(
        port=_port(environ["HUB_PORT"]),
        state=Path(environ["HUB_STATE"]).absolute(),
        roster_file=roster_file,
        roster=read_roster(roster_file) if roster_file else None,
        admin=_admin(environ["HUB_ADMIN"]),
        cull_seconds=_cull_seconds(environ["HUB_CULL_S"]),
        handouts=Path(environ["HUB_HANDOUTS"]).absolute(),
    )
