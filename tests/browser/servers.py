"""The servers the browser tests start: JupyterLab, Notebook 7 and the presenter view.

Every server runs from this environment on 127.0.0.1 and a free port, in its own
process group (its kernels with it), and is stopped with that group when its block ends,
when pytest exits or is told to stop, or (Linux) when pytest dies. JupyterLab and
Notebook 7 run without a token, for the test's browser, and therefore with terminals
off: an unauthenticated ``POST /api/terminals`` would otherwise open a shell to any
local process for the length of the run. Their configuration is written out here
instead of JupyterLab's ``galata.configure_jupyter_server``, which leaves a folder or
two in /tmp and a shell rc file behind at each start; everything a server writes goes
into the test's own folder. The presenter view runs exactly as ``make present`` runs it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Everything JupyterLab / Notebook 7 needs for a test, and nothing that opens it further.
TEST_SERVER_CONFIG = """
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port_retries = 0
c.ServerApp.open_browser = False
c.ServerApp.root_dir = {root!r}
c.ServerApp.allow_root = True
# No token, for the test's browser: so no terminals, and no password either.
c.IdentityProvider.token = ""
c.ServerApp.password = ""
c.ServerApp.disable_check_xsrf = True
c.ServerApp.terminals_enabled = False
c.LabApp.expose_app_in_browser = True
c.JupyterNotebookApp.expose_app_in_browser = True
c.LabApp.workspaces_dir = {workspaces!r}
c.LabApp.user_settings_dir = {settings!r}
c.JupyterNotebookApp.user_settings_dir = {settings!r}
"""

#: What ``make present`` runs (the Makefile's ``present`` recipe; tests/test_present.py
#: checks that the two agree), with ``{port}`` for the port.
PRESENT_COMMAND = [
    sys.executable,
    "-m",
    "jupyter",
    "server",
    f"--config={ROOT / 'jupyter' / 'present_config.py'}",
    "--allow-root",
    "--ServerApp.port={port}",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM if pytest dies, even by SIGKILL (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: atexit and the signal handlers below still apply


def stop_group(server: subprocess.Popen) -> None:
    """Stop the server's whole process group (its kernels too): TERM, then KILL."""
    if server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    except ProcessLookupError:
        pass


def _stop_on_exit(server: subprocess.Popen) -> None:
    """Stop the server when pytest exits normally, or is told to stop by a signal."""
    atexit.register(stop_group, server)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        previous = signal.getsignal(sig)

        def handler(signum, frame, previous=previous):
            stop_group(server)
            signal.signal(signum, previous if callable(previous) else signal.SIG_DFL)
            os.kill(os.getpid(), signum)

        signal.signal(sig, handler)


@contextlib.contextmanager
def serve(
    command: list[str],
    work: Path,
    ready: Callable[[str, str], str | None],
    env: dict | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``command`` (with ``{port}`` filled in) from ``work`` until the block ends.

    ``ready(base_url, log_text)`` returns the URL to yield once the server is ready, or
    None. Yields that URL and the server process; the server's output is in
    ``work/server.log`` and is shown if it does not start within two minutes. The
    server's temporary files go to ``work/tmp`` (its TMPDIR), not /tmp.
    """
    (work / "tmp").mkdir(exist_ok=True)
    env = dict(os.environ if env is None else env, TMPDIR=str(work / "tmp"))
    port = free_port()
    log_path = work / "server.log"
    log = open(log_path, "w")
    server = subprocess.Popen(
        [part.format(port=port) for part in command],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=work,
        env=env,
        start_new_session=True,  # its own process group: the server and its kernels
        preexec_fn=_die_with_parent,
    )
    _stop_on_exit(server)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while (url := ready(base, log_path.read_text())) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[:4]} did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.5)
        yield url, server
    finally:
        stop_group(server)
        log.close()


def answers(path: str) -> Callable[[str, str], str | None]:
    """A ``ready`` test for :func:`serve`: the base URL, once ``path`` answers 200."""

    def ready(base: str, _log: str) -> str | None:
        try:
            with urllib.request.urlopen(f"{base}{path}", timeout=5):
                return base
        except OSError:
            return None

    return ready


@contextlib.contextmanager
def jupyter(app: str, root: Path, work: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve ``root`` with ``jupyter <app>`` (``lab`` or ``notebook``) for a test, no token,
    no terminals; its config, settings, workspaces and log go into ``work``."""
    for folder in ("settings", "workspaces"):
        (work / folder).mkdir(exist_ok=True)
    config = work / "jupyter_server_config.py"
    config.write_text(
        TEST_SERVER_CONFIG.format(
            root=str(root),
            settings=str(work / "settings"),
            workspaces=str(work / "workspaces"),
        )
    )
    command = [sys.executable, "-m", "jupyter", app, f"--config={config}"]
    with serve([*command, "--ServerApp.port={port}"], work, answers("/api/status")) as served:
        yield served


@contextlib.contextmanager
def notebook7(work: Path) -> Iterator[str]:
    """Serve ``work`` with Notebook 7 until the block ends; yields its base URL."""
    with jupyter("notebook", work, work) as (url, _server):
        yield url


#: The line of ``make present``'s banner that holds the link to its gallery.
PRESENT_LINK = re.compile(r"^\s*(http://127\.0\.0\.1:\d+/gallery\?token=\w+)\s*$", re.M)


@contextlib.contextmanager
def presenter(work: Path) -> Iterator[tuple[str, str, subprocess.Popen]]:
    """Run the presenter view as ``make present`` does until the block ends.

    Yields the base URL, the token read from the link the server prints (as a teacher
    would copy it), and the server process.
    """
    env = dict(os.environ, JUPYTER_PATH=str(ROOT / "jupyter" / "share"))

    def ready(base: str, log: str) -> str | None:
        link = PRESENT_LINK.search(log)
        return link[1] if link else None

    with serve(PRESENT_COMMAND, work, ready, env=env) as (link, server):
        base, token = link.split("/gallery?token=")
        yield base, token, server


def status(url: str, headers: dict | None = None, method: str = "GET", timeout: float = 30) -> int:
    """The HTTP status ``url`` answers with (redirects not followed)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def outside_requests(page) -> list[str]:
    """Start recording every request ``page`` makes to a host other than 127.0.0.1.

    Returns the (live) list the requests are appended to.
    """
    from urllib.parse import urlsplit

    seen: list[str] = []

    def record(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            return
        seen.append(request.url)

    page.on("request", record)
    return seen
