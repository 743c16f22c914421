"""`make hub` without starting a hub: usernames, settings, the checks that refuse bad input at
once, the JupyterHub configuration they produce, and the student servers' configuration.
(`make hub-test` logs a whole class into a real hub.)"""

from __future__ import annotations

import dbm
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _hub_async import run_coroutine
from traitlets.config import PyFileConfigLoader

from hub.firstuse import CourseFirstUseAuthenticator
from hub.launch import check_ports_free, prepare_state
from hub.names import USERNAME_PATTERN, is_valid_username
from hub.settings import HubSettingsError, from_env, read_roster

ROOT = Path(__file__).resolve().parents[1]
GOOD_NAMES = ["student1", "alice", "a.b-c_d", "jo@example.edu", "x" * 64]
BAD_NAMES = ["../x", "a/b", "has space", "bell\x07", "x\n", "", ".", "..", ".hidden", "-x",
             "Alice", "x" * 65, "ünï", "a\\b", "a%2fb"]


def _env(tmp_path: Path, **changes: str) -> dict[str, str]:
    (tmp_path / "handouts").mkdir(exist_ok=True)
    (tmp_path / "handouts" / "01.ipynb").write_text("{}")
    return {"HUB_PORT": "8000", "HUB_STATE": str(tmp_path / "state"), "HUB_ROSTER": "",
            "HUB_ADMIN": "instructor", "HUB_CULL_S": "3600",
            "HUB_HANDOUTS": str(tmp_path / "handouts"), **changes}


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_valid_usernames_pass_our_check_and_jupyterhubs(name):
    authenticator = CourseFirstUseAuthenticator(username_pattern=USERNAME_PATTERN)
    assert is_valid_username(name) and authenticator.validate_username(name)


@pytest.mark.parametrize("name", BAD_NAMES)
def test_names_that_could_leave_their_folder_are_refused_by_both(name):
    authenticator = CourseFirstUseAuthenticator(username_pattern=USERNAME_PATTERN)
    assert not is_valid_username(name)
    assert not authenticator.validate_username(name)


def test_refused_names_leave_no_password_behind(tmp_path):
    store = str(tmp_path / "passwords.dbm")
    authenticator = CourseFirstUseAuthenticator(username_pattern=USERNAME_PATTERN, dbm_path=store)

    def log_in(name):
        return run_coroutine(authenticator.authenticate(None, {"username": name, "password": "long enough"}))

    assert log_in("../x") is None and log_in("has space") is None
    assert log_in("alice") == "alice"
    with dbm.open(store) as db:
        assert [key.decode() for key in db.keys()] == ["alice"]


def test_settings_from_the_environment(tmp_path):
    (tmp_path / "roster.txt").write_text("# class\nAlice\n\nbob  # late\nalice\n")
    settings = from_env(_env(tmp_path, HUB_PORT="8100", HUB_ROSTER=str(tmp_path / "roster.txt")))
    assert settings.roster == ("alice", "bob")
    assert sorted(settings.ports.values()) == [8100, 8101, 8102]
    assert settings.home("bob") == tmp_path / "state" / "homes" / "bob"
    assert from_env(_env(tmp_path)).roster is None  # no roster: open sign-up


def test_relative_paths_survive_the_hubs_change_of_folder(tmp_path, monkeypatch):
    """make hub passes HUB_STATE=hub-state; the hub then runs inside it and reads the settings
    again: they must name the same folders."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.txt").write_text("alice\n")
    relative = {"HUB_STATE": "hub-state", "HUB_HANDOUTS": "handouts", "HUB_ROSTER": "roster.txt"}
    settings = from_env(_env(tmp_path, **relative))
    assert settings.state == tmp_path / "hub-state" and settings.handouts == tmp_path / "handouts"
    monkeypatch.chdir(ROOT)
    assert from_env(settings.environ()) == settings


@pytest.mark.parametrize(("changes", "message"), [
    ({"HUB_PORT": "http"}, "HUB_PORT must be a port number"),
    ({"HUB_PORT": "0"}, "HUB_PORT must be a port number"),
    ({"HUB_PORT": "65534"}, "HUB_PORT must be a port number"),
    ({"HUB_CULL_S": "0"}, "HUB_CULL_S must be a whole number"),
    ({"HUB_CULL_S": "1h"}, "HUB_CULL_S must be a whole number"),
    ({"HUB_ADMIN": "../root"}, "HUB_ADMIN='../root' is not a valid username"),
    ({"HUB_STATE": " "}, "HUB_STATE is empty"),
    ({"HUB_ROSTER": "/no/such/roster.txt"}, "does not exist"),
])
def test_bad_settings_name_the_variable_and_the_fix(tmp_path, changes, message):
    with pytest.raises(HubSettingsError, match=message.replace("(", r"\(")):
        from_env(_env(tmp_path, **changes))


def test_missing_settings_say_to_use_make_hub():
    with pytest.raises(HubSettingsError, match="HUB_PORT, HUB_STATE.* not set; start the hub with `make"):
        from_env({"HUB_ADMIN": "x"})


def test_rosters_that_are_empty_or_hold_bad_names_are_refused(tmp_path):
    roster = tmp_path / "roster.txt"
    roster.write_text("# nobody yet\n\n")
    with pytest.raises(HubSettingsError, match="lists no usernames"):
        read_roster(roster)
    roster.write_text("alice\n../bob\nhas space\n")
    with pytest.raises(HubSettingsError, match=r"line 2: '../bob', line 3: 'has space'"):
        read_roster(roster)


def test_a_taken_port_is_named_with_its_role(tmp_path):
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        settings = from_env(_env(tmp_path, HUB_PORT=str(port - 1)))
        taken = f"port {port} \\(the proxy's API\\) on 127.0.0.1 is in use"
        with pytest.raises(HubSettingsError, match=taken):
            check_ports_free(settings)


def test_state_is_private_and_must_be_writable(tmp_path):
    settings = from_env(_env(tmp_path))
    prepare_state(settings)
    assert (settings.state.stat().st_mode & 0o777) == 0o700
    assert settings.homes.is_dir()
    (tmp_path / "a-file").write_text("")
    blocked = from_env(_env(tmp_path, HUB_STATE=str(tmp_path / "a-file" / "state")))
    with pytest.raises(HubSettingsError, match="is not a writable folder"):
        prepare_state(blocked)


def test_the_launcher_refuses_at_once_and_starts_nothing(tmp_path):
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        env = {**os.environ, **_env(tmp_path, HUB_PORT=str(held.getsockname()[1]))}
        begin = time.monotonic()
        run = subprocess.run([sys.executable, "-m", "hub.launch"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "is in use" in run.stderr and "HUB_PORT" in run.stderr
    assert time.monotonic() - begin < 10
    assert not (tmp_path / "state").exists(), "the launcher touched HUB_STATE before refusing"


def _hub_config(monkeypatch, tmp_path, **changes):
    for key, value in _env(tmp_path, **changes).items():
        monkeypatch.setenv(key, value)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "hub")).load_config()


def test_hub_config_follows_the_settings(monkeypatch, tmp_path):
    (tmp_path / "roster.txt").write_text("alice\nbob\n")
    c = _hub_config(monkeypatch, tmp_path, HUB_PORT="8100", HUB_ROSTER=str(tmp_path / "roster.txt"),
                    HUB_CULL_S="600")
    state = tmp_path / "state"
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8100"
    assert c.JupyterHub.hub_port == 8102 and c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:8101"
    assert c.JupyterHub.db_url == f"sqlite:///{state}/jupyterhub.sqlite"
    assert Path(c.JupyterHub.cookie_secret_file).parent == state
    assert Path(c.FirstUseAuthenticator.dbm_path).parent == state
    assert c.SimpleLocalProcessSpawner.home_dir_template == f"{state}/homes/{{username}}"
    assert c.Authenticator.allowed_users == {"alice", "bob"} and c.Authenticator.admin_users == {"instructor"}
    assert c.Authenticator.allow_existing_users is False and c.FirstUseAuthenticator.create_users is False
    assert c.Authenticator.username_pattern == USERNAME_PATTERN
    assert c.Spawner.cmd == [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
    assert c.Spawner.default_url == "/lab/tree/handouts"
    assert c.Spawner.environment["JUPYTER_CONFIG_PATH"] == str(ROOT / "hub" / "singleuser")
    assert c.Spawner.start_timeout >= 120 and c.Spawner.http_timeout >= 60
    (culler,) = c.JupyterHub.services
    assert "--timeout=600" in culler["command"]
    assert c.JupyterHub.cleanup_servers is True


def test_hub_config_without_roster_lets_anyone_sign_up(monkeypatch, tmp_path):
    c = _hub_config(monkeypatch, tmp_path)
    assert c.Authenticator.allow_all is True and "allowed_users" not in c.Authenticator


def test_student_servers_use_unix_sockets_and_stay_offline():
    c = PyFileConfigLoader("jupyter_server_config.py", path=str(ROOT / "hub" / "singleuser")).load_config()
    assert c.KernelManager.transport == "ipc"
    assert c.LabApp.news_url is None and c.LabApp.extension_manager == "readonly"
    assert not any(c.ServerApp.jpserver_extensions.values())
    lab = json.loads((ROOT / "hub/singleuser/labconfig/default_setting_overrides.json").read_text())
    assert lab["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                   "checkForUpdates": False}
