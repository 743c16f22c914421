"""JupyterHub for a class on one machine (``make hub`` loads it; the settings come from the
environment, see hub/settings.py).

Every student gets JupyterLab on their own copy of the handouts, with a kernel from the
project's own environment. All student servers run under the hub's Unix account: the hub keeps
students out of each other's servers, but a student's code can read the other homes.
"""

import os
import subprocess
import sys
from pathlib import Path

# The config file is executed by the `jupyterhub` script, whose import path lacks the repository.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hub.firstuse import CourseFirstUseAuthenticator  # noqa: E402
from hub.names import USERNAME_PATTERN  # noqa: E402
from hub.settings import from_env  # noqa: E402
from hub.student_servers import StudentServers  # noqa: E402

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)
settings = from_env()
ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent  # the project's .venv: hub, servers and kernels alike

# Ports: public on HUB_PORT, the proxy's API and the hub itself on the next two.
c.JupyterHub.bind_url = f"http://127.0.0.1:{settings.port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.port + 2
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.port + 1}"
c.ConfigurableHTTPProxy.command = [str(ROOT / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(settings.state / "proxy.pid")

# Everything that must survive a restart lives in HUB_STATE (mode 0700).
c.JupyterHub.db_url = f"sqlite:///{settings.state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(settings.state / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student server

# Login: a student's first login sets their password (as The Littlest JupyterHub does).
c.JupyterHub.authenticator_class = CourseFirstUseAuthenticator
c.FirstUseAuthenticator.dbm_path = str(settings.state / "passwords.dbm")
c.Authenticator.username_pattern = USERNAME_PATTERN
c.Authenticator.admin_users = {settings.admin}
if settings.roster is None:
    c.Authenticator.allow_all = True
else:
    c.Authenticator.allowed_users = set(settings.roster)
    c.Authenticator.allow_existing_users = False  # the roster alone decides, not the database
    # Only names the hub knows (roster and admin) may set a first password.
    c.FirstUseAuthenticator.create_users = False

# Student servers: JupyterLab in HUB_STATE/homes/<name>, kernels from the project's .venv.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(settings.homes / "{username}")
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab/tree/handouts"
c.Spawner.environment = {
    "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
    "JUPYTER_CONFIG_PATH": str(Path(__file__).resolve().with_name("singleuser")),
}
# A busy 2-core machine starting many servers at once needs more than the default 30/60 s.
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120
# A server started from a terminal would otherwise ask "Shutdown? (y/[n])" on SIGINT.
c.LocalProcessSpawner.popen_kwargs = {"stdin": subprocess.DEVNULL}

# Before a server starts: handouts merged in, a port and a runtime folder of its own.
servers = StudentServers(settings)
c.Spawner.pre_spawn_hook = servers.before_start
c.Spawner.post_stop_hook = servers.after_stop

# Idle culling: a server without activity for HUB_CULL_S seconds is stopped.
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={settings.cull_seconds}",
                f"--cull-every={max(1, min(300, settings.cull_seconds // 2))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
