"""Start a Jupyter server (Notebook 7, Voila) on a free loopback port for a browser test."""

from __future__ import annotations

import contextlib
import subprocess
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
