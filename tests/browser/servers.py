"""Start a Jupyter server (Notebook 7, Voila) on a free loopback port for a browser test."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import free_port


@contextlib.contextmanager
def serve(command: list[str], work: Path, ready_path: str, env=None):
    """Run ``command`` (with ``{port}`` filled in) from ``work`` until the block ends.

    Yields the base URL once ``ready_path`` answers; the server's output is in
    ``work/server.log`` and is shown if it does not start within two minutes.
    """
    port = free_port()
    log_path = work / "server.log"
    log = open(log_path, "w")
    server = subprocess.Popen(
        [part.format(port=port) for part in command],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=work,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}{ready_path}", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{command[:3]} did not start:\n" + log_path.read_text()[-3000:]
                    ) from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


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


NOTEBOOK7_CONFIG = """
from jupyterlab.galata import configure_jupyter_server
configure_jupyter_server(c)
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.root_dir = {root!r}
c.ServerApp.allow_root = True
c.JupyterNotebookApp.expose_app_in_browser = True
c.JupyterNotebookApp.user_settings_dir = {settings!r}
"""


@contextlib.contextmanager
def notebook7(work: Path):
    """Serve ``work`` with Notebook 7 until the block ends; yields its base URL."""
    (work / "settings").mkdir(exist_ok=True)
    config = work / "jupyter_server_config.py"
    config.write_text(NOTEBOOK7_CONFIG.format(root=str(work), settings=str(work / "settings")))
    command = [sys.executable, "-m", "jupyter", "notebook", f"--config={config}"]
    command.append("--ServerApp.port={port}")
    with serve(command, work, "/api/status") as url:
        yield url
