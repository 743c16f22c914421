"""Configuration of every student's JupyterLab server (the hub puts this folder on
JUPYTER_CONFIG_PATH, ahead of the environment's own configuration; labconfig/ beside it turns
off JupyterLab's news prompt and extension manager by default)."""

import os

c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)

# Servers the classroom does not use cost start-up time: language servers (which also look
# for npm), nbgitpuller's web handler (the hub pulls the handouts itself) and the MathJax
# copy the static HTML build serves.
c.ServerApp.jpserver_extensions = {
    "jupyter_lsp": False, "nbgitpuller": False, "jupyter_server_mathjax": False,
}

# Kernels talk to their server over Unix sockets in JUPYTER_RUNTIME_DIR (short: a socket path
# must stay under 108 bytes), not TCP ports: many servers starting kernels at once can pick a
# port that another connection has just taken, and the kernel then dies on every restart.
c.KernelManager.transport = "ipc"

# A kernel left behind by a closed tab holds its memory (300-500 MiB here) until shut down:
# stop kernels idle for 20 minutes with no tab connected.
c.MappingKernelManager.cull_idle_timeout = 1200
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False

# No network from the classroom: no news feed, no update check, no extension search.
c.LabApp.news_url = None
c.LabApp.extension_manager = "readonly"
c.LabApp.check_for_updates_class = "jupyterlab.handlers.announcements.NeverCheckForUpdate"

# The hub may run as root on a throw-away machine; JupyterLab refuses that unless told.
c.ServerApp.allow_root = os.geteuid() == 0
