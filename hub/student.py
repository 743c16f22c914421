"""One person at the hub, as a browser meets it: the login form with its XSRF token, the
hub's REST API with the session cookie, and their own server with a token they minted."""

from __future__ import annotations

import re
import time
from urllib.parse import quote

import requests

TIMEOUT = 30  # seconds for one HTTP request


class Student:
    """A username, a password and a cookie jar; ``base`` is the hub's public URL."""

    def __init__(self, base: str, name: str, password: str):
        self.base, self.name, self.password = base, name, password
        self.session = requests.Session()
        self.token: str | None = None

    # -- the hub, as a browser ---------------------------------------------------------------
    def login(self, password: str | None = None) -> requests.Response:
        """Fill in and post /hub/login (with the form's ``_xsrf``); do not follow the redirect."""
        form = self.session.get(f"{self.base}/hub/login", timeout=TIMEOUT)
        form.raise_for_status()
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', form.text)
        assert xsrf, "the login form carries no _xsrf field"
        return self.session.post(
            f"{self.base}/hub/login",
            data={"_xsrf": xsrf[1], "username": self.name, "password": password or self.password},
            allow_redirects=False, timeout=TIMEOUT,
        )

    @property
    def logged_in(self) -> bool:
        """True once the hub has set its login cookie."""
        return "jupyterhub-hub-login" in self.session.cookies.keys()

    def hub_api(self, method: str, path: str, **kwargs) -> requests.Response:
        """A cookie-authenticated call to /hub/api/<path>: the ``_xsrf`` cookie goes back in
        the X-XSRFToken header, as JupyterHub's own pages send it."""
        headers = {"X-XSRFToken": self.session.cookies.get("_xsrf", path="/hub/") or ""}
        return self.session.request(method, f"{self.base}/hub/api/{path}", headers=headers,
                                    timeout=TIMEOUT, **kwargs)

    # -- the student's server ----------------------------------------------------------------
    def start_server(self) -> requests.Response:
        return self.hub_api("POST", f"users/{quote(self.name)}/server")

    def stop_server(self) -> requests.Response:
        return self.hub_api("DELETE", f"users/{quote(self.name)}/server")

    def server_model(self) -> dict | None:
        """The hub's record of this student's default server, or None when it is not running."""
        user = self.hub_api("GET", f"users/{quote(self.name)}")
        user.raise_for_status()
        return user.json()["servers"].get("")

    def wait_until(self, ready: bool, timeout: float) -> float:
        """Poll the hub until the server is ready (or gone); return the seconds it took."""
        start = time.monotonic()
        while True:
            model = self.server_model()
            if (model is not None and model["ready"]) if ready else model is None:
                return time.monotonic() - start
            if time.monotonic() - start > timeout:
                state = "ready" if ready else "stopped"
                raise AssertionError(f"{self.name}'s server was not {state} within {timeout} s: {model}")
            time.sleep(0.25)

    def mint_token(self) -> str:
        """A token for this student's own server and kernels (users may mint their own)."""
        reply = self.hub_api("POST", f"users/{quote(self.name)}/tokens", json={"note": "class test"})
        assert reply.status_code == 201, f"{self.name} could not mint a token: {reply.status_code}"
        self.token = reply.json()["token"]
        return self.token

    def server_api(self, method: str, owner: str, path: str, **kwargs) -> requests.Response:
        """A token-authenticated call to ``owner``'s server: /user/<owner>/api/<path>."""
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.base}/user/{quote(owner)}/api/{path}",
                                headers=headers, timeout=TIMEOUT, allow_redirects=False, **kwargs)
