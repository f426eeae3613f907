"""The Jupyter server of ``make present``: Voila as a server extension, locked down.

``jupyter server --config=jupyter/present_config.py`` (the Makefile adds the port and,
as root, --allow-root). Documented in docs/presenter.md; gradviz/present_server.py
adds the gallery, the Host allow-list for every route and the read-only authorizer.
"""

from pathlib import Path

from jupyter_core.paths import jupyter_config_path
from jupyter_server.extension.config import ExtensionConfigManager

from gradviz.present_server import WIDGET_MESSAGES

c = get_config()  # noqa: F821 (traitlets defines it when it runs this file)

ROOT = Path(__file__).resolve().parents[1]

# Only this machine, only the link's holder: a token (generated at each start and
# printed in the link), the Host header checked on every route, no remote access.
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.allow_remote_access = False
c.ServerApp.root_dir = str(ROOT / "present")
c.ServerApp.default_url = "/gallery"
c.ServerApp.open_browser = False
c.ServerApp.authorizer_class = "gradviz.present_server.PresenterAuthorizer"
# Voila and the gallery, and none of the other extensions this environment has
# installed (JupyterLab, Notebook, terminals, nbgrader...).
installed = ExtensionConfigManager(read_config_path=jupyter_config_path())
c.ServerApp.jpserver_extensions = {
    **dict.fromkeys(installed.get_jpserver_extensions(), False),
    "voila.server_extension": True,
    "gradviz.present_server": True,
}
c.ServerApp.terminals_enabled = False
c.VoilaConfiguration.template = "gradviz"
# No MathJax from a CDN (what Voila's page loads when the server names no MathJax; the
# pages have no TeX): every request stays on this machine, as with Voila's own server.
c.ServerApp.tornado_settings = {"mathjax_url": None, "mathjax_config": None}
# The pages' front-end extensions: the widgets' only (Voila's widget manager among them),
# not those of nbgrader or Notebook 7 (they fail to load outside JupyterLab).
c.VoilaConfiguration.extension_allowlist = [
    "@voila-dashboards/widgets-manager8",
    "@jupyter-widgets/jupyterlab-manager",
    "anywidget",
    "jupyter-matplotlib",
]

# Kernels: one per page load. A closed or reloaded page's kernel (no websocket left)
# is shut down after 30 s without activity, checked every 10 s: within a minute.
# A page that is open keeps its kernel.
c.MappingKernelManager.cull_idle_timeout = 30
c.MappingKernelManager.cull_interval = 10
c.MappingKernelManager.cull_connected = False
# The page talks to its kernel through widget messages only: no code can be sent.
c.MappingKernelManager.allowed_message_types = WIDGET_MESSAGES
