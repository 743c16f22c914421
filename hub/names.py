"""Which usernames the hub accepts: the same rule for the roster, the admin and the login form.

A username becomes a folder (``HUB_STATE/homes/<name>``) and part of every URL, so it is kept
to lower-case letters, digits and ``. _ - @``, starting with a letter or a digit: no ``/``,
no ``..`` on its own, no spaces, no control characters.
"""

from __future__ import annotations

import re

#: JupyterHub's ``Authenticator.username_pattern``. JupyterHub applies it with ``re.match``,
#: which anchors only the start: the ``\Z`` anchors the end (``$`` would let a final newline in).
USERNAME_PATTERN = r"[a-z0-9][a-z0-9._@-]{0,63}\Z"


def is_valid_username(name: str) -> bool:
    """True when ``name`` may be a student's or the admin's username."""
    return re.match(USERNAME_PATTERN, name) is not None
