"""First-use login that checks the username before it stores a password.

``FirstUseAuthenticator`` stores the first password typed for any name before JupyterHub
validates the name; a refused name (``../x``, a name off the roster) would still leave a
password behind. Checking first keeps the password store to names that can log in.
"""

from __future__ import annotations

from firstuseauthenticator import FirstUseAuthenticator


class CourseFirstUseAuthenticator(FirstUseAuthenticator):
    """FirstUseAuthenticator that refuses invalid usernames before touching the password store."""

    async def authenticate(self, handler, data):
        if not self.validate_username(self.normalize_username(data["username"])):
            return None
        return await super().authenticate(handler, data)
