"""The class hub: JupyterHub for one gradviz class on this machine (``make hub``).

Who logs in: the people of the class list (``hub/class.csv``: name, language, role) with
the class password; teachers are the hub's admins and log in with the teachers' password
(JupyterHub's SharedPasswordAuthenticator, the successor of the DummyAuthenticator with a
password). Each gets a single-user JupyterLab started as the hub's own system user
(SimpleLocalProcessSpawner: no system accounts are needed, and students are NOT isolated
from each other: a trial, a test or one teacher's machine, not a school's server;
docs/hub.md says what to use there) in their own home folder under the state folder,
holding a copy of the series. ``GRADVIZ_LANG`` gives gradviz the person's language; a
Chinese speaker also gets JupyterLab's Chinese interface and the Chinese edition first.

Idle kernels are shut down by each single-user server (``MappingKernelManager`` culling),
idle servers by the ``jupyterhub-idle-culler`` service.

Settings from the environment (``make hub`` sets them; every one has a default):

- ``GRADVIZ_HUB_DIR``: the hub's state (database, secrets, homes); ``build/hub/state``.
- ``GRADVIZ_HUB_PORTS``: ``first-last`` ports on 127.0.0.1: ``first`` is the class's address,
  ``first+1`` the proxy's API, ``first+2`` the hub itself, the rest one per person of
  the class list, in its order; ``8000-8099``.
- ``GRADVIZ_CLASS``: the class list; ``hub/class.csv``.
- ``GRADVIZ_SERIES``: the folder of notebooks copied into each home; ``notebooks``.
- ``GRADVIZ_HUB_PASSWORD`` / ``GRADVIZ_HUB_ADMIN_PASSWORD``: the class's and the
  teachers' passwords (at least 8 and 32 characters); made up once and kept in the state
  folder (``class-password``, ``admin-password``) when not given.
- ``GRADVIZ_CULL_KERNEL_IDLE`` / ``GRADVIZ_CULL_SERVER_IDLE``: seconds without activity
  after which a kernel nobody is connected to / a whole server is shut down; 1200 / 3600.
- ``GRADVIZ_HUB_API_TOKEN``: if set, a service ``gradviz-load`` with this token may list
  users and start and stop their servers (the load test and the hub test use it).
"""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub's config loader provides it)

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STATE = Path(os.environ.get("GRADVIZ_HUB_DIR", REPO / "build" / "hub" / "state")).resolve()
CLASS_LIST = Path(os.environ.get("GRADVIZ_CLASS", REPO / "hub" / "class.csv"))
SERIES = Path(os.environ.get("GRADVIZ_SERIES", REPO / "notebooks")).resolve()
PROXY = REPO / "build" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
#: A Jupyter config folder whose labconfig selects JupyterLab's Chinese interface (make lab-zh).
CHINESE_LAB = REPO / "jupyter" / "zh"

first, last = (int(p) for p in os.environ.get("GRADVIZ_HUB_PORTS", "8000-8099").split("-"))
KERNEL_IDLE = int(os.environ.get("GRADVIZ_CULL_KERNEL_IDLE", "1200"))
SERVER_IDLE = int(os.environ.get("GRADVIZ_CULL_SERVER_IDLE", "3600"))
STATE.mkdir(parents=True, exist_ok=True)


def read_class(path: Path) -> dict[str, dict[str, str]]:
    """The class list: name -> {"language": "en" | "zh_CN", "role": "student" | "teacher"}.
    Lines starting with # are comments."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if line.strip() and not line.startswith("#"))
        # JupyterHub's user names are lower case.
        rows = [{key: (value or "").strip() for key, value in row.items()} for row in rows]
        people = {row["name"].lower(): row for row in rows}
    for name, row in people.items():
        if row["language"] not in ("en", "zh_CN") or row["role"] not in ("student", "teacher"):
            raise ValueError(
                f"{path}: {name}: the language is en or zh_CN, the role student or teacher"
            )
    return people


def kept_secret(variable: str, file: str, length: int) -> str:
    """The value of ``variable``, else the one made up once and kept in the state folder."""
    if os.environ.get(variable):
        return os.environ[variable]
    path = STATE / file
    if not path.exists():
        path.write_text(secrets.token_urlsafe(length))
        path.chmod(0o600)
    return path.read_text().strip()


PEOPLE = read_class(CLASS_LIST)
#: Each person's server always listens on the same port: first+3, first+4, ... in list order.
PORTS = {name: first + 3 + i for i, name in enumerate(PEOPLE)}
if first + 2 + len(PEOPLE) > last:
    raise ValueError(
        f"{len(PEOPLE)} people need ports {first}-{first + 2 + len(PEOPLE)}: "
        "widen GRADVIZ_HUB_PORTS"
    )

# --- where the hub listens: 127.0.0.1 only ---------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{first}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{first + 1}"
c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = first + 2
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# --- who may log in ---------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = kept_secret(
    "GRADVIZ_HUB_PASSWORD", "class-password", 9
)
c.Authenticator.allowed_users = set(PEOPLE)
c.Authenticator.admin_users = {n for n, p in PEOPLE.items() if p["role"] == "teacher"}
if c.Authenticator.admin_users:
    c.SharedPasswordAuthenticator.admin_password = kept_secret(
        "GRADVIZ_HUB_ADMIN_PASSWORD", "admin-password", 30
    )

# --- each person's server: JupyterLab in their own home, with the series ------------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.args = [
    # Kernels nobody is connected to (a closed tab) are shut down after KERNEL_IDLE s.
    f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
    f"--MappingKernelManager.cull_interval={max(1, min(300, KERNEL_IDLE // 4))}",
    "--MappingKernelManager.cull_connected=False",
    "--MappingKernelManager.cull_busy=False",
    "--ServerApp.terminals_enabled=False",
    # Jupyter refuses to run as root unless told to (containers, CI machines).
    *(["--allow-root"] if os.geteuid() == 0 else []),
]
# A JupyterLab server took 13 to 20 s to start on the busy 2-core machine of docs/hub.md;
# many at once take longer.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# A server reports its activity (kernels, pages) to the hub several times per SERVER_IDLE,
# so the idle culler never stops a server that is in use.
ACTIVITY_INTERVAL = max(1, min(300, SERVER_IDLE // 6))


def copy_missing(source: Path, home: Path) -> None:
    """Copy the series into ``home/notebooks``: only files the person does not have yet, so
    their own edits are never overwritten (new notebooks arrive on the next start)."""
    for path in sorted(source.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        target = home / "notebooks" / path.relative_to(source)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def prepare(spawner) -> None:
    """Before a server starts: its port, its home with the series, its language."""
    name = spawner.user.name
    if name not in PEOPLE:
        raise RuntimeError(f"{name} is not in the class list {CLASS_LIST}: add them and restart")
    language = PEOPLE[name]["language"]
    home = Path(spawner.home_dir)
    home.mkdir(parents=True, exist_ok=True)
    copy_missing(SERIES, home)
    spawner.port = PORTS[name]
    edition = "notebooks/zh" if language == "zh_CN" else "notebooks"
    spawner.default_url = f"/lab/tree/{edition}/00_start_here.ipynb"
    spawner.environment = {
        "GRADVIZ_LANG": language,
        "JUPYTERHUB_ACTIVITY_INTERVAL": str(ACTIVITY_INTERVAL),
    }
    if language == "zh_CN":
        spawner.environment["JUPYTER_CONFIG_PATH"] = str(CHINESE_LAB)


c.Spawner.pre_spawn_hook = prepare

# --- idle servers: stopped by jupyterhub-idle-culler --------------------------------------------
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={SERVER_IDLE}",
            f"--cull-every={max(2, min(600, SERVER_IDLE // 4))}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
if os.environ.get("GRADVIZ_HUB_API_TOKEN"):
    c.JupyterHub.services.append(
        {"name": "gradviz-load", "api_token": os.environ["GRADVIZ_HUB_API_TOKEN"]}
    )
    c.JupyterHub.load_roles.append(
        {
            "name": "gradviz-load",
            "scopes": ["list:users", "read:users", "read:servers", "servers", "access:servers"],
            "services": ["gradviz-load"],
        }
    )
